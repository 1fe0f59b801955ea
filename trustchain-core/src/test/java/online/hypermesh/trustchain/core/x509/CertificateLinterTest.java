package online.hypermesh.trustchain.core.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class CertificateLinterTest {
    private final TestHierarchy ca = TestHierarchy.shared();
    private final LeafCertificateTemplate template = new LeafCertificateTemplate(LeafPolicies.defaults());

    private TBSCertificate tbs(BigInteger serial, Validity validity) throws Exception {
        ValidatedCsr csr = new CsrValidator().validate(TestCsrs.csr("lint.hypermesh.online"), CertificateProfile.SERVER);
        return template.build(ca.intermediate, csr.publicKey(), csr.keyKind(), csr.names(), CertificateProfile.SERVER, serial, validity);
    }

    private String lintFailure(TBSCertificate tbs) {
        TrustChainException e = assertThrows(TrustChainException.class, () -> ca.linter.lintLeaf(tbs, ca.intermediate, CertificateProfile.SERVER));
        assertEquals(ErrorKind.LINT_FAILURE, e.kind());
        return e.getMessage();
    }

    @Test
    void lint_rejectsValidityAboveProfileMaximum() throws Exception {
        String message = lintFailure(tbs(SerialNumbers.next(), Validity.startingAt(Instant.now(), Duration.ofDays(31))));
        assertTrue(message.contains("exceeds the profile maximum"), message);
    }

    @Test
    void lint_rejectsSerialWithTooLittleEntropy() throws Exception {
        assertTrue(lintFailure(tbs(BigInteger.valueOf(42), Validity.startingAt(Instant.now(), Duration.ofHours(24)))).contains("serial"));
    }

    @Test
    void lint_rejectsLeafOutlivingItsIssuer() throws Exception {
        String message = lintFailure(tbs(SerialNumbers.next(), Validity.startingAt(Instant.now().plus(Duration.ofDays(1094)), Duration.ofHours(72))));
        assertTrue(message.contains("later than the issuing CA"), message);
    }

    @Test
    void lint_rejectsLeafLintedForTheWrongIssuer() throws Exception {
        TBSCertificate tbs = tbs(SerialNumbers.next(), Validity.startingAt(Instant.now(), Duration.ofHours(24)));
        TrustChainException e = assertThrows(TrustChainException.class, () -> ca.linter.lintLeaf(tbs, ca.root, CertificateProfile.SERVER));
        assertTrue(e.getMessage().contains("issuer name does not match"), e.getMessage());
    }

    @Test
    void lint_rejectsASigningKeyThatIsNotTheIssuers() throws Exception {
        // The intermediate's certificate with the root's key alias: the names all match, the key does not.
        IssuingAuthority misconfigured = new IssuingAuthority(ca.intermediate.id(), ca.intermediate.certificate(), ca.root.keyAlias(),
                ca.intermediate.keyType(), ca.intermediate.urls());
        TBSCertificate tbs = tbs(SerialNumbers.next(), Validity.startingAt(Instant.now(), Duration.ofHours(24)));
        TrustChainException e = assertThrows(TrustChainException.class, () -> ca.linter.lintLeaf(tbs, misconfigured, CertificateProfile.SERVER));
        assertEquals(ErrorKind.LINT_FAILURE, e.kind());
        assertTrue(e.getMessage().contains("the signing key " + ca.root.keyAlias() + " is not the key of the issuer certificate"), e.getMessage());

        TrustChainException missing = assertThrows(TrustChainException.class, () -> ca.linter.lintLeaf(tbs,
                new IssuingAuthority(ca.intermediate.id(), ca.intermediate.certificate(), "no-such-key", ca.intermediate.keyType(),
                        ca.intermediate.urls()), CertificateProfile.SERVER));
        assertTrue(missing.getMessage().contains("the signing key no-such-key is not in the crypto token"), missing.getMessage());
    }

    @Test
    void signer_signsALintedCertificateOnlyOnce() throws Exception {
        LintedCertificate linted = ca.linter.lintLeaf(tbs(SerialNumbers.next(), Validity.startingAt(Instant.now(), Duration.ofHours(24))),
                ca.intermediate, CertificateProfile.SERVER);
        ca.signer.sign(linted);
        assertEquals(ErrorKind.INTERNAL, assertThrows(TrustChainException.class, () -> ca.signer.sign(linted)).kind());
    }
}
