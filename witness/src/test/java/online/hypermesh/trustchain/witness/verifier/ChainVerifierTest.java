package online.hypermesh.trustchain.witness.verifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.submit.TbsCertificates;
import online.hypermesh.trustchain.witness.TestLog;
import online.hypermesh.trustchain.witness.verifier.Check.Outcome;

/** Each relying-party check passes for a good chain and fails, saying why, when its one thing is broken. */
class ChainVerifierTest {
    private RelyingPartyFixture pki;

    @BeforeEach
    void start() throws Exception {
        pki = new RelyingPartyFixture();
    }

    @AfterEach
    void stop() {
        pki.close();
    }

    private ChainVerifier verifier(X509Certificate root, Clock clock) {
        return new ChainVerifier(Set.of(new TrustAnchor(root, null)), Optional.of(pki.log.logKey()), Optional.of(pki.base),
                pki.witnesses(), HttpClient.newHttpClient(), clock);
    }

    private Report verify(X509Certificate leaf) {
        return verifier(pki.root, Clock.systemUTC()).verify(List.of(leaf, pki.root));
    }

    private static void assertOutcome(Report r, String check, Outcome expected) {
        Check c = r.check(check).orElseThrow();
        assertEquals(expected, c.outcome(), check + ": " + c.detail() + "\n" + r.toText());
    }

    @Test
    void everyCheckPassesForAGoodLoggedWitnessedChain() throws Exception {
        Report r = verify(pki.issue(pki.log.key, true));
        for (String c : List.of("chain", "validity", "ocsp", "sct", "inclusion", "quorum")) {
            assertOutcome(r, c, Outcome.PASS);
        }
        assertTrue(r.passed());
        assertTrue(r.check("ocsp").orElseThrow().evidence().startsWith("response "), "the signed OCSP response is the evidence");
        assertTrue(r.check("inclusion").orElseThrow().evidence().contains("— ct.test.example/log"), "the checkpoint is the evidence");
        assertTrue(r.check("quorum").orElseThrow().detail().startsWith("3 of 3 witnesses cosigned"), r.check("quorum").orElseThrow().detail());
        assertTrue(r.toJson().startsWith("{\"valid\":true,\"checks\":[{\"name\":\"chain\",\"outcome\":\"pass\""), r.toJson());
    }

    @Test
    void aChainToAnotherRootFailsAndNoResponderIsTrusted() throws Exception {
        X509Certificate leaf = pki.issue(pki.log.key, true);
        try (RelyingPartyFixture other = new RelyingPartyFixture()) {
            Report r = verifier(other.root, Clock.systemUTC()).verify(List.of(leaf));
            assertOutcome(r, "chain", Outcome.FAIL);
            assertOutcome(r, "ocsp", Outcome.SKIP);
            assertFalse(r.passed());
        }
    }

    @Test
    void anExpiredLeafFailsValidity() throws Exception {
        X509Certificate leaf = pki.issue(pki.log.key, true);
        Clock later = Clock.fixed(leaf.getNotAfter().toInstant().plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        Report r = verifier(pki.root, later).verify(List.of(leaf, pki.root));
        assertOutcome(r, "validity", Outcome.FAIL);
        assertTrue(r.check("validity").orElseThrow().detail().contains("CN=leaf.test.example expired at"), r.toText());
    }

    @Test
    void aRevokedLeafFailsOcsp() throws Exception {
        X509Certificate leaf = pki.issue(pki.log.key, true);
        pki.revoked = true;
        Report r = verify(leaf);
        assertOutcome(r, "ocsp", Outcome.FAIL);
        assertTrue(r.check("ocsp").orElseThrow().detail().startsWith("revoked: "), r.toText());
        assertFalse(r.passed());
    }

    @Test
    void aDelegatedResponderIsVerifiedOnceAndItsResponsesEveryTime() throws Exception {
        X509Certificate leaf = pki.issue(pki.log.key, true);
        pki.responder = RelyingPartyFixture.Responder.DELEGATED;
        ChainVerifier v = verifier(pki.root, Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            assertOutcome(v.verify(List.of(leaf, pki.root)), "ocsp", Outcome.PASS);
        }
        // The responder certificate remembered after the first response must not let a revoked status through.
        pki.revoked = true;
        Report r = v.verify(List.of(leaf, pki.root));
        assertOutcome(r, "ocsp", Outcome.FAIL);
        assertTrue(r.check("ocsp").orElseThrow().detail().startsWith("revoked: "), r.toText());
    }

    @Test
    void aDelegatedResponderWithoutOcspSigningForgedOrExpiredFailsOcspEachTime() throws Exception {
        X509Certificate leaf = pki.issue(pki.log.key, true);
        ChainVerifier v = verifier(pki.root, Clock.systemUTC());
        pki.responder = RelyingPartyFixture.Responder.DELEGATED;
        assertOutcome(v.verify(List.of(leaf, pki.root)), "ocsp", Outcome.PASS);
        for (RelyingPartyFixture.Responder bad : List.of(RelyingPartyFixture.Responder.DELEGATED_WITHOUT_OCSP_SIGNING,
                RelyingPartyFixture.Responder.DELEGATED_FORGED, RelyingPartyFixture.Responder.DELEGATED_EXPIRED)) {
            pki.responder = bad;
            for (int i = 0; i < 2; i++) {
                Report r = v.verify(List.of(leaf, pki.root));
                assertOutcome(r, "ocsp", Outcome.FAIL);
                assertFalse(r.passed(), bad + "\n" + r.toText());
            }
        }
    }

    @Test
    void anSctSignedByAnotherKeyFails() throws Exception {
        Report r = verify(pki.issue(TestLog.p256(), true));
        assertOutcome(r, "sct", Outcome.FAIL);
        assertEquals("the SCT's signature does not verify with the log's key", r.check("sct").orElseThrow().detail());
    }

    @Test
    void aCertificateTheLogNeverIncorporatedFailsInclusion() throws Exception {
        Report r = verify(pki.issue(pki.log.key, false));
        assertOutcome(r, "sct", Outcome.PASS);
        assertOutcome(r, "inclusion", Outcome.FAIL);
        assertTrue(r.check("inclusion").orElseThrow().detail().contains("gives no inclusion proof"), r.toText());
    }

    @Test
    void aCheckpointWithoutWitnessQuorumFailsAndSaysHowManyCosigned() throws Exception {
        X509Certificate leaf = pki.issue(pki.log.key, true);
        pki.cosigning = 1;
        Report r = verify(leaf);
        assertOutcome(r, "inclusion", Outcome.PASS);
        assertOutcome(r, "quorum", Outcome.FAIL);
        assertEquals("1 of 3 witnesses cosigned, 3 needed", r.check("quorum").orElseThrow().detail());
    }

    @Test
    void theRebuiltPrecertificateTbsIsTheOneTheLogRebuilds() throws Exception {
        X509Certificate leaf = pki.issue(pki.log.key, true);
        assertArrayEquals(TbsCertificates.tbsWithout(leaf.getEncoded(), TbsCertificates.SCT_LIST),
                Der.tbsWithout(leaf.getTBSCertificate(), Der.SCT_LIST_OID));
    }

    @Test
    void withoutALogTheLogChecksAreSkippedWithTheReason() throws Exception {
        X509Certificate leaf = pki.issue(pki.log.key, true);
        Report r = new ChainVerifier(Set.of(new TrustAnchor(pki.root, null)), Optional.empty(), Optional.empty(), List.of(),
                HttpClient.newHttpClient(), Clock.systemUTC()).verify(List.of(leaf));
        assertOutcome(r, "sct", Outcome.SKIP);
        assertEquals("no CT log key is configured", r.check("sct").orElseThrow().detail());
        assertOutcome(r, "quorum", Outcome.SKIP);
        assertTrue(r.passed());
    }
}
