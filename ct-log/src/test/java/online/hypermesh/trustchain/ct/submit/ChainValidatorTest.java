package online.hypermesh.trustchain.ct.submit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.entry.LogEntryType;
import online.hypermesh.trustchain.ct.support.TestPki;

class ChainValidatorTest {
    private static final TestPki PKI = new TestPki("Accepted");
    private static final TestPki OTHER = new TestPki("Unknown");
    private final ChainValidator validator = new ChainValidator(new AcceptedRoots(List.of(PKI.root)));

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void certificateChain_isAcceptedAndTheRootIsAppendedWhenOmitted() {
        X509Certificate leaf = PKI.leaf("a.example");
        Submission s = validator.validateCertificateChain(List.of(der(leaf), der(PKI.intermediate)));
        assertEquals(LogEntryType.X509_ENTRY, s.entry().type());
        assertArrayEquals(der(leaf), s.entry().certificate());
        assertNull(s.preCertificate());
        assertEquals(2, s.chain().size());
        assertArrayEquals(der(PKI.root), s.chain().get(1));
    }

    @Test
    void certificateChain_endingInTheRootKeepsItOnce() {
        Submission s = validator.validateCertificateChain(List.of(der(PKI.leaf("b.example")), der(PKI.intermediate), der(PKI.root)));
        assertEquals(2, s.chain().size());
    }

    @Test
    void precertChain_yieldsIssuerKeyHashAndTbsWithoutPoison() throws Exception {
        X509Certificate precert = PKI.precertificate("c.example");
        Submission s = validator.validatePrecertificateChain(List.of(der(precert), der(PKI.intermediate)));
        assertEquals(LogEntryType.PRECERT_ENTRY, s.entry().type());
        assertArrayEquals(CertificateHashes.sha256(PKI.intermediate.getPublicKey().getEncoded()), s.entry().issuerKeyHash());
        assertArrayEquals(der(precert), s.preCertificate());
        TBSCertificate tbs = TBSCertificate.getInstance(ASN1Sequence.getInstance(s.entry().certificate()));
        assertNull(tbs.getExtensions().getExtension(TbsCertificates.POISON));
        assertEquals(precert.getSerialNumber(), tbs.getSerialNumber().getValue());
        // Everything but the poison is kept: the SAN and basic constraints are still there.
        assertEquals(2, tbs.getExtensions().getExtensionOIDs().length);
    }

    @Test
    void ownPrecertificate_skipsOnlyTheLeafSignature_andStillChecksEverythingElse() {
        // Signed by another key under the intermediate's name: a public submission is refused ...
        X509Certificate badlySigned = TestPki.certificate(PKI.intermediate.getSubjectX500Principal().getName(), "CN=own.example",
                TestPki.ecKey().getPublic(), OTHER.intermediateKey.getPrivate(), false, true);
        assertThrows(RejectedSubmissionException.class,
                () -> validator.validatePrecertificateChain(List.of(der(badlySigned), der(PKI.intermediate))));
        // ... while the CA's own path trusts its signer for that one signature and yields the same entry shape.
        Submission own = validator.validateOwnPrecertificateChain(List.of(der(badlySigned), der(PKI.intermediate)));
        assertEquals(LogEntryType.PRECERT_ENTRY, own.entry().type());
        assertArrayEquals(CertificateHashes.sha256(PKI.intermediate.getPublicKey().getEncoded()), own.entry().issuerKeyHash());

        X509Certificate precert = PKI.precertificate("own.example");
        assertThrows(RejectedSubmissionException.class, () -> validator.validateOwnPrecertificateChain(List.of(der(precert))),
                "the issuer must be given");
        assertThrows(RejectedSubmissionException.class,
                () -> validator.validateOwnPrecertificateChain(List.of(der(PKI.leaf("own.example")), der(PKI.intermediate))),
                "the poison is still required");
        assertThrows(RejectedSubmissionException.class,
                () -> validator.validateOwnPrecertificateChain(List.of(der(OTHER.precertificate("own.example")), der(OTHER.intermediate))),
                "the issuer must still lead to an accepted root");
    }

    @Test
    void rejects_aChainThatLeadsToAnUnknownRoot() {
        var e = assertThrows(RejectedSubmissionException.class,
                () -> validator.validateCertificateChain(List.of(der(OTHER.leaf("d.example")), der(OTHER.intermediate))));
        assertTrue(e.getMessage().contains("does not lead to a root"), e.getMessage());
    }

    @Test
    void rejects_aForgedIntermediateWithTheGenuineOnesNameAndKey_evenAfterTheGenuineLinkVerified() {
        X509Certificate leaf = PKI.leaf("forged.example");
        // Same subject, issuer name and key as the accepted intermediate, but signed by a key that is not the root's.
        X509Certificate forged = TestPki.certificate("CN=Accepted Root", PKI.intermediate.getSubjectX500Principal().getName(),
                PKI.intermediateKey.getPublic(), OTHER.rootKey.getPrivate(), true, false);
        validator.validateCertificateChain(List.of(der(leaf), der(PKI.intermediate)));
        validator.validateCertificateChain(List.of(der(PKI.leaf("again.example")), der(PKI.intermediate), der(PKI.root)));

        var withoutRoot = assertThrows(RejectedSubmissionException.class,
                () -> validator.validateCertificateChain(List.of(der(leaf), der(forged))));
        assertTrue(withoutRoot.getMessage().contains("does not lead to a root"), withoutRoot.getMessage());
        var withRoot = assertThrows(RejectedSubmissionException.class,
                () -> validator.validateCertificateChain(List.of(der(leaf), der(forged), der(PKI.root))));
        assertTrue(withRoot.getMessage().contains("chain[1] is not signed by chain[2]"), withRoot.getMessage());
    }

    @Test
    void rejects_certificatesInTheWrongOrder() {
        var e = assertThrows(RejectedSubmissionException.class,
                () -> validator.validateCertificateChain(List.of(der(PKI.leaf("e.example")), der(PKI.root), der(PKI.intermediate))));
        assertTrue(e.getMessage().contains("is not signed by"), e.getMessage());
    }

    @Test
    void rejects_aPrecertificateWithoutPoison() {
        var e = assertThrows(RejectedSubmissionException.class,
                () -> validator.validatePrecertificateChain(List.of(der(PKI.leaf("f.example")), der(PKI.intermediate))));
        assertTrue(e.getMessage().contains("poison"), e.getMessage());
    }

    @Test
    void rejects_aPrecertificateOnAddChain() {
        var e = assertThrows(RejectedSubmissionException.class,
                () -> validator.validateCertificateChain(List.of(der(PKI.precertificate("g.example")), der(PKI.intermediate))));
        assertTrue(e.getMessage().contains("add-pre-chain"), e.getMessage());
    }

    @Test
    void rejects_garbageEmptyAndOverlongChains() {
        assertThrows(RejectedSubmissionException.class, () -> validator.validateCertificateChain(List.of(new byte[] {0x30, 0x00})));
        assertThrows(RejectedSubmissionException.class, () -> validator.validateCertificateChain(List.of()));
        byte[] leaf = der(PKI.leaf("h.example"));
        byte[] withTrailing = java.util.Arrays.copyOf(leaf, leaf.length + 1);
        assertThrows(RejectedSubmissionException.class, () -> validator.validateCertificateChain(List.of(withTrailing)));
        List<byte[]> tooLong = java.util.Collections.nCopies(ChainValidator.MAX_CHAIN + 1, leaf);
        assertThrows(RejectedSubmissionException.class, () -> validator.validateCertificateChain(tooLong));
    }
}
