package online.hypermesh.trustchain.bridge.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class AnchorBundleTest {
    private static final String ROOT = "C=DE,O=Corp,CN=Corp Root CA";
    private static final String ISSUING = "C=DE,O=Corp,CN=Corp Issuing CA";

    private final KeyPair rootKey = TestPki.ec();
    private final KeyPair issuingKey = TestPki.ec();
    private final X509CertificateHolder root = TestPki.ca(ROOT, rootKey, null, null, null, Duration.ofDays(365));
    private final X509CertificateHolder issuing = TestPki.ca(ISSUING, issuingKey, ROOT, rootKey, 0, Duration.ofDays(100));

    AnchorBundleTest() throws Exception {
    }

    @Test
    void rootAndIntermediate_inAnyOrder_areAnAnchor() throws Exception {
        AnchorBundle bundle = AnchorBundle.parse(TestPki.pem(issuing, root), Instant.now());
        assertArrayEquals(root.getEncoded(), bundle.root().getEncoded());
        assertEquals(1, bundle.intermediates().size());
        X509CertificateHolder leaf = TestPki.leaf("CN=alice", TestPki.ec(), ISSUING, issuingKey);
        assertEquals(2, bundle.pathToRoot(TestPki.x509(leaf)).orElseThrow().size(), "a leaf of the intermediate chains to the root");
    }

    @Test
    void aLeaf_isNotACa() throws Exception {
        X509CertificateHolder leaf = TestPki.leaf("CN=alice", TestPki.ec(), ROOT, rootKey);
        assertRefused(TestPki.pem(root, leaf), ErrorKind.POLICY_VIOLATION, "is not a CA certificate");
    }

    @Test
    void aRootWhoseSignatureFails_isRefused() throws Exception {
        // Names itself as issuer, but signed by another key.
        X509CertificateHolder forged = TestPki.ca(ROOT, rootKey, ROOT, TestPki.ec(), null, Duration.ofDays(365));
        assertRefused(TestPki.pem(forged), ErrorKind.POLICY_VIOLATION, "signature does not verify");
    }

    @Test
    void anIntermediateOfAnotherRoot_isRefused() throws Exception {
        KeyPair otherKey = TestPki.ec();
        X509CertificateHolder other = TestPki.ca("C=DE,O=Other,CN=Other Issuing CA", TestPki.ec(), "C=DE,O=Other,CN=Other Root", otherKey, 0,
                Duration.ofDays(10));
        assertRefused(TestPki.pem(root, other), ErrorKind.POLICY_VIOLATION, "does not chain to the root");
        // The right name but another key: the signature decides, not the name.
        X509CertificateHolder sameName = TestPki.ca(ISSUING, issuingKey, ROOT, TestPki.ec(), 0, Duration.ofDays(10));
        assertRefused(TestPki.pem(root, sameName), ErrorKind.POLICY_VIOLATION, "does not chain to the root");
    }

    @Test
    void noRoot_twoRoots_expired_andGarbage_areRefused() throws Exception {
        assertRefused(TestPki.pem(issuing), ErrorKind.POLICY_VIOLATION, "0 self-signed roots");
        X509CertificateHolder second = TestPki.ca("C=DE,O=Corp,CN=Second Root", TestPki.ec(), null, null, null, Duration.ofDays(10));
        assertRefused(TestPki.pem(root, second), ErrorKind.POLICY_VIOLATION, "2 self-signed roots");
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> AnchorBundle.parse(TestPki.pem(root), Instant.now().plus(Duration.ofDays(400))));
        assertTrue(e.detail().contains("expired"), e.detail());
        assertRefused("hello", ErrorKind.MALFORMED_REQUEST, "no PEM CERTIFICATE block");
        assertRefused("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", ErrorKind.MALFORMED_REQUEST, "not an X.509 certificate");
        assertRefused(TestPki.pem(root, root), ErrorKind.MALFORMED_REQUEST, "twice");
    }

    private static void assertRefused(String pem, ErrorKind kind, String detail) {
        TrustChainException e = assertThrows(TrustChainException.class, () -> AnchorBundle.parse(pem, Instant.now()));
        assertEquals(kind, e.kind(), e.detail());
        assertTrue(e.detail().contains(detail), e.detail());
    }
}
