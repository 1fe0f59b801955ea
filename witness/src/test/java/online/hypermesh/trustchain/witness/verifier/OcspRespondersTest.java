package online.hypermesh.trustchain.witness.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.witness.verifier.RelyingPartyFixture.Responder;

/** Only a responder certificate the leaf's issuer really issued for OCSP signing, valid now, is handed over; its signature is verified once. */
class OcspRespondersTest {
    private static byte[] response(RelyingPartyFixture pki, X509Certificate leaf) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(pki.base.resolve("ocsp"))
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(OcspRequests.of(leaf, pki.root)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    @Test
    void aDelegatedResponderIsAuthorizedAndRememberedOnce() throws Exception {
        try (RelyingPartyFixture pki = new RelyingPartyFixture()) {
            X509Certificate leaf = pki.issue(pki.log.key, true);
            pki.responder = Responder.DELEGATED;
            OcspResponders responders = new OcspResponders();
            for (int i = 0; i < 3; i++) {
                X509Certificate c = responders.authorized(response(pki, leaf), pki.root, Instant.now()).orElseThrow();
                assertEquals("CN=Relying Party Test OCSP DELEGATED", c.getSubjectX500Principal().getName());
            }
            assertEquals(1, responders.remembered());
            // The same certificate after it expired: its remembered signature does not make it valid.
            byte[] der = response(pki, leaf);
            assertTrue(responders.authorized(der, pki.root, Instant.now().plusSeconds(8 * 24 * 3600)).isEmpty());
        }
    }

    @Test
    void noOtherResponderIsHandedOver() throws Exception {
        try (RelyingPartyFixture pki = new RelyingPartyFixture()) {
            X509Certificate leaf = pki.issue(pki.log.key, true);
            OcspResponders responders = new OcspResponders();
            for (Responder r : List.of(Responder.CA, Responder.DELEGATED_WITHOUT_OCSP_SIGNING, Responder.DELEGATED_FORGED, Responder.DELEGATED_EXPIRED)) {
                pki.responder = r;
                assertTrue(responders.authorized(response(pki, leaf), pki.root, Instant.now()).isEmpty(), r.name());
            }
            assertEquals(0, responders.remembered());
            try (RelyingPartyFixture other = new RelyingPartyFixture()) {
                pki.responder = Responder.DELEGATED;
                assertTrue(responders.authorized(response(pki, leaf), other.root, Instant.now()).isEmpty(), "issued by the leaf's issuer, not another root");
            }
        }
    }
}
