package online.hypermesh.trustchain.core.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** RFC 6962 3.1-3.3: a precertificate and its final certificate differ only in the poison and the SCT list. */
class PrecertificateTest {
    private static final byte[] SCT_LIST = {0x00, 0x04, 0x00, 0x02, 0x2a, 0x2b};

    private final TestHierarchy ca = TestHierarchy.shared();
    private final CertificateProfile profile = CertificateProfile.SERVER;
    private final ValidatedCsr csr = validated("ct.hypermesh.online");
    private final BigInteger serial = SerialNumbers.next();
    private final Validity validity = Validity.startingAt(Instant.now(), profile.validity(null));

    @Test
    void precertificate_carriesTheCriticalPoisonWithANullValue() throws Exception {
        X509CertificateHolder precert = ca.leafIssuer.issuePrecertificate(ca.intermediate, csr, profile, serial, validity);
        Extension poison = precert.getExtension(CtCertificateExtensions.POISON);
        assertTrue(poison.isCritical());
        assertEquals(DERNull.INSTANCE, poison.getParsedValue());
        assertNull(precert.getExtension(CtCertificateExtensions.SCT_LIST));
        X509Certificate x509 = LeafIssuerTest.x509(precert);
        x509.verify(LeafIssuerTest.x509(ca.intermediate.certificate()).getPublicKey());
        assertEquals(serial, x509.getSerialNumber());
    }

    @Test
    void finalCertificate_embedsTheSctListAsAnOctetStringInsideExtnValue() throws Exception {
        X509CertificateHolder cert = ca.leafIssuer.issueWithScts(ca.intermediate, csr, profile, serial, validity, SCT_LIST);
        Extension scts = cert.getExtension(CtCertificateExtensions.SCT_LIST);
        assertFalse(scts.isCritical());
        assertArrayEquals(SCT_LIST, ASN1OctetString.getInstance(scts.getParsedValue()).getOctets());
        assertNull(cert.getExtension(CtCertificateExtensions.POISON));
    }

    @Test
    void removingPoisonAndSctListLeavesIdenticalTbsCertificates() throws Exception {
        X509CertificateHolder precert = ca.leafIssuer.issuePrecertificate(ca.intermediate, csr, profile, serial, validity);
        X509CertificateHolder cert = ca.leafIssuer.issueWithScts(ca.intermediate, csr, profile, serial, validity, SCT_LIST);
        assertArrayEquals(without(precert.toASN1Structure().getTBSCertificate(), CtCertificateExtensions.POISON),
                without(cert.toASN1Structure().getTBSCertificate(), CtCertificateExtensions.SCT_LIST));
    }

    @Test
    void linter_refusesAPrecertificateWithoutPoisonAndALeafWithPoison() {
        TBSCertificate plain = ca.template.build(ca.intermediate, csr.publicKey(), csr.keyKind(), csr.names(), profile, serial, validity);
        TrustChainException noPoison = assertThrows(TrustChainException.class,
                () -> ca.linter.lintPrecertificate(plain, ca.intermediate, profile));
        assertEquals(ErrorKind.LINT_FAILURE, noPoison.kind());
        assertTrue(noPoison.getMessage().contains("poison"), noPoison.getMessage());

        TBSCertificate poisoned = ca.template.build(ca.intermediate, csr.publicKey(), csr.keyKind(), csr.names(), profile, serial, validity,
                CtCertificateExtensions.poison());
        TrustChainException leaf = assertThrows(TrustChainException.class,
                () -> ca.linter.lintLeaf(poisoned, ca.intermediate, profile));
        assertTrue(leaf.getMessage().contains("unexpected critical extension 1.3.6.1.4.1.11129.2.4.3"), leaf.getMessage());
    }

    @Test
    void linter_refusesAPrecertificateThatAlreadyCarriesScts() {
        TBSCertificate both = withExtra(ca.template.build(ca.intermediate, csr.publicKey(), csr.keyKind(), csr.names(), profile, serial,
                validity, CtCertificateExtensions.poison()), CtCertificateExtensions.sctList(SCT_LIST));
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> ca.linter.lintPrecertificate(both, ca.intermediate, profile));
        assertTrue(e.getMessage().contains("must not carry SCTs"), e.getMessage());
    }

    private ValidatedCsr validated(String name) {
        try {
            return new CsrValidator().validate(TestCsrs.csr(name), profile);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** DER of {@code tbs} with the extension {@code oid} removed, everything else in order. */
    private static byte[] without(TBSCertificate tbs, ASN1ObjectIdentifier oid) throws Exception {
        List<Extension> kept = new ArrayList<>();
        for (ASN1ObjectIdentifier each : tbs.getExtensions().getExtensionOIDs()) {
            if (!each.equals(oid)) {
                kept.add(tbs.getExtensions().getExtension(each));
            }
        }
        return copy(tbs, new Extensions(kept.toArray(new Extension[0]))).getEncoded(ASN1Encoding.DER);
    }

    private static TBSCertificate withExtra(TBSCertificate tbs, Extension extra) {
        List<Extension> all = new ArrayList<>();
        for (ASN1ObjectIdentifier each : tbs.getExtensions().getExtensionOIDs()) {
            all.add(tbs.getExtensions().getExtension(each));
        }
        all.add(extra);
        return copy(tbs, new Extensions(all.toArray(new Extension[0])));
    }

    private static TBSCertificate copy(TBSCertificate tbs, Extensions extensions) {
        return TbsCopies.copy(tbs, tbs.getIssuer(), extensions);
    }
}
