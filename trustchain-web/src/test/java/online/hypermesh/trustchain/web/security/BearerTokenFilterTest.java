package online.hypermesh.trustchain.web.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BearerTokenFilterTest {

    @Test
    void isPublic_onlyTheCaCertificateReads() {
        assertTrue(BearerTokenFilter.isPublic("GET", "api/v1/ca/root"));
        assertTrue(BearerTokenFilter.isPublic("GET", "api/v1/ca/cert/"));
        assertTrue(BearerTokenFilter.isPublic("HEAD", "api/v1/ca/authorities"));
        assertFalse(BearerTokenFilter.isPublic("POST", "api/v1/ca/certificates"));
        assertFalse(BearerTokenFilter.isPublic("GET", "api/v1/ca/certificates/abc"));
        assertFalse(BearerTokenFilter.isPublic("POST", "api/v1/ca/root"));
    }

    @Test
    void isPublic_theChainVerificationToo_butOnlyAsPost() {
        assertTrue(BearerTokenFilter.isPublic("POST", "api/v1/validate"));
        assertTrue(BearerTokenFilter.isPublic("post", "api/v1/validate/"));
        assertFalse(BearerTokenFilter.isPublic("DELETE", "api/v1/validate"));
        assertFalse(BearerTokenFilter.isPublic("POST", "api/v1/validate/x"));
    }
}
