package online.hypermesh.trustchain.ca.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.ca.api.AcmeService.Endpoint;

class AcmeUrlsTest {
    private final AcmeUrls urls = new AcmeUrls("https://localhost:8443/acme");

    @Test
    void everyEndpoint_hasTheUrlItsJwsMustName() {
        assertEquals("https://localhost:8443/acme/new-account", urls.of(Endpoint.NEW_ACCOUNT, null));
        assertEquals("https://localhost:8443/acme/acct/7", urls.of(Endpoint.ACCOUNT, "7"));
        assertEquals("https://localhost:8443/acme/acct/7/orders", urls.of(Endpoint.ACCOUNT_ORDERS, "7"));
        assertEquals("https://localhost:8443/acme/order/x/finalize", urls.of(Endpoint.FINALIZE, "x"));
        assertEquals("https://localhost:8443/acme/cert/x", urls.of(Endpoint.CERTIFICATE, "x"));
        assertEquals("https://localhost:8443/acme/directory", urls.directory());
    }

    @Test
    void aKid_isAnAccountUrlOfThisServer() {
        assertEquals(42, urls.accountId("https://localhost:8443/acme/acct/42"));
        for (String bad : new String[] {"https://evil.example/acme/acct/42", "https://localhost:8443/acme/acct/", "https://localhost:8443/acme/acct/4x"}) {
            AcmeProblem p = assertThrows(AcmeProblem.class, () -> urls.accountId(bad), bad);
            assertEquals(AcmeProblem.Type.ACCOUNT_DOES_NOT_EXIST, p.type());
        }
    }
}
