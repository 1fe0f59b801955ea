package online.hypermesh.trustchain.web.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiAuthenticationFilterTest {

    @Test
    void isPublic_onlyTheCaCertificateReads() {
        assertTrue(ApiAuthenticationFilter.isPublic("GET", "api/v1/ca/root"));
        assertTrue(ApiAuthenticationFilter.isPublic("GET", "api/v1/ca/cert/"));
        assertTrue(ApiAuthenticationFilter.isPublic("HEAD", "api/v1/ca/authorities"));
        assertFalse(ApiAuthenticationFilter.isPublic("POST", "api/v1/ca/certificates"));
        assertFalse(ApiAuthenticationFilter.isPublic("GET", "api/v1/ca/certificates/abc"));
        assertFalse(ApiAuthenticationFilter.isPublic("POST", "api/v1/ca/root"));
    }

    @Test
    void isPublic_theChainVerificationToo_butOnlyAsPost() {
        assertTrue(ApiAuthenticationFilter.isPublic("POST", "api/v1/validate"));
        assertTrue(ApiAuthenticationFilter.isPublic("post", "api/v1/validate/"));
        assertFalse(ApiAuthenticationFilter.isPublic("DELETE", "api/v1/validate"));
        assertFalse(ApiAuthenticationFilter.isPublic("POST", "api/v1/validate/x"));
    }

    @Test
    void aClientCertificateAlone_mayNotChangeState_fromAnotherSitesPage() {
        assertTrue(ApiAuthenticationFilter.isCrossSiteStateChange("POST", "cross-site"));
        assertTrue(ApiAuthenticationFilter.isCrossSiteStateChange("DELETE", "same-site"));
        assertFalse(ApiAuthenticationFilter.isCrossSiteStateChange("POST", "same-origin"));
        assertFalse(ApiAuthenticationFilter.isCrossSiteStateChange("POST", "none"));
        assertFalse(ApiAuthenticationFilter.isCrossSiteStateChange("POST", null), "curl, openssl, SDKs send no Fetch Metadata");
        assertFalse(ApiAuthenticationFilter.isCrossSiteStateChange("GET", "cross-site"), "reads change nothing");
    }
}
