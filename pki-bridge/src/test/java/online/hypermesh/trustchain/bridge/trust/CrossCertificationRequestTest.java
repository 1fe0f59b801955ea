package online.hypermesh.trustchain.bridge.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class CrossCertificationRequestTest {
    private static final String OUR_ROOT = "C=US,O=TrustChain,CN=TrustChain Root G1";
    private static final String THEIR_ROOT = "C=DE,O=Corp,CN=Corp Root CA";

    private final KeyPair ourKey = TestPki.rsa();
    private final KeyPair theirKey = TestPki.ec();
    private final X509CertificateHolder ourRoot = TestPki.ca(OUR_ROOT, ourKey, null, null, null, Duration.ofDays(3650));
    private final X509CertificateHolder theirRoot = TestPki.ca(THEIR_ROOT, theirKey, null, null, null, Duration.ofDays(365));

    CrossCertificationRequestTest() throws Exception {
    }

    @Test
    void request_isOurRootsSubjectAndKey_signedByTheRootKey_askingForACaCertificate() throws Exception {
        PKCS10CertificationRequest csr = CrossCertificationRequest.build(ourRoot, TestPki.algorithmIdentifier(ourKey),
                data -> TestPki.signBytes(data, ourKey));
        assertEquals(ourRoot.getSubject(), csr.getSubject());
        assertEquals(ourRoot.getSubjectPublicKeyInfo(), csr.getSubjectPublicKeyInfo());
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ourRoot.getSubjectPublicKeyInfo())));
        Extensions requested = Extensions.getInstance(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues().getObjectAt(0));
        assertTrue(BasicConstraints.fromExtensions(requested).isCA());
        assertTrue(requested.getExtension(Extension.basicConstraints).isCritical());
        assertArrayEquals(SubjectKeyIdentifier.fromExtensions(ourRoot.getExtensions()).getKeyIdentifier(),
                SubjectKeyIdentifier.fromExtensions(requested).getKeyIdentifier());
    }

    @Test
    void aSignerWithAnotherKey_isCaughtBeforeTheRequestLeaves() {
        KeyPair wrong = anotherRsaKey();
        TrustChainException e = assertThrows(TrustChainException.class, () -> CrossCertificationRequest.build(ourRoot,
                TestPki.algorithmIdentifier(ourKey), data -> TestPki.signBytes(data, wrong)));
        assertEquals(ErrorKind.INTERNAL, e.kind());
    }

    @Test
    void returnedCrossCertificate_forOurKey_signedByTheirRoot_isAccepted() throws Exception {
        AnchorBundle theirs = AnchorBundle.parse(TestPki.pem(theirRoot), Instant.now());
        X509CertificateHolder returned = issuedBy(theirRoot, theirKey, ourRoot.getSubject().toString(), ourKey);
        ReturnedCrossCertificate ok = ReturnedCrossCertificate.check(TestPki.pem(returned).getBytes(), ourRoot, theirs, Instant.now());
        assertEquals(1, ok.path().size());
    }

    @Test
    void returnedCrossCertificate_forAnotherKey_orSignedByAnotherCa_orWithAnotherSubject_isRefused() throws Exception {
        AnchorBundle theirs = AnchorBundle.parse(TestPki.pem(theirRoot), Instant.now());
        X509CertificateHolder otherKey = issuedBy(theirRoot, theirKey, OUR_ROOT, TestPki.rsa());
        assertRefused(otherKey, theirs, "another key");
        X509CertificateHolder otherSigner = issuedBy(theirRoot, TestPki.ec(), OUR_ROOT, ourKey);
        assertRefused(otherSigner, theirs, "was not signed by the trust anchor's root");
        X509CertificateHolder otherSubject = issuedBy(theirRoot, theirKey, "C=US,O=TrustChain,CN=Someone Else", ourKey);
        assertRefused(otherSubject, theirs, "is not this CA's root's subject");
    }

    private void assertRefused(X509CertificateHolder c, AnchorBundle theirs, String detail) throws Exception {
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> ReturnedCrossCertificate.check(c.getEncoded(), ourRoot, theirs, Instant.now()));
        assertEquals(ErrorKind.POLICY_VIOLATION, e.kind(), e.detail());
        assertTrue(e.detail().contains(detail), e.detail());
    }

    /** What `openssl x509 -req -CA their-root` makes of our request: a CA certificate for our subject and key. */
    private static X509CertificateHolder issuedBy(X509CertificateHolder issuer, KeyPair issuerKey, String subject, KeyPair subjectKey)
            throws Exception {
        return TestPki.ca(subject, subjectKey, issuer.getSubject().toString(), issuerKey, 1, Duration.ofDays(30));
    }

    private static KeyPair anotherRsaKey() {
        try {
            return TestPki.rsa();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
