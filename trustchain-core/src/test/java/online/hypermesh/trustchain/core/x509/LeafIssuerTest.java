package online.hypermesh.trustchain.core.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

class LeafIssuerTest {
    private final TestHierarchy ca = TestHierarchy.shared();
    private final CsrValidator validator = new CsrValidator();

    private X509Certificate issue(CertificateProfile profile, byte[] csr) throws Exception {
        ValidatedCsr validated = validator.validate(csr, profile);
        X509CertificateHolder holder = ca.leafIssuer.issue(ca.intermediate, validated, profile, SerialNumbers.next(),
                Validity.startingAt(Instant.now(), profile.validity(null)));
        return x509(holder);
    }

    static X509Certificate x509(X509CertificateHolder holder) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    @Test
    void issue_serverCertificateValidatesToTheRootWithPkix() throws Exception {
        X509Certificate leaf = issue(CertificateProfile.SERVER, TestCsrs.csr("api.hypermesh.online", "trust.hypermesh.online"));
        X509Certificate intermediate = x509(ca.intermediate.certificate());
        X509Certificate root = x509(ca.root.certificate());
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, intermediate)), params);
    }

    @Test
    void issue_serverCertificateFollowsTheProfile() throws Exception {
        X509Certificate leaf = issue(CertificateProfile.SERVER, TestCsrs.csr("api.hypermesh.online", "trust.hypermesh.online"));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
        assertFalse(leaf.getKeyUsage()[2], "no keyEncipherment for EC");
        assertEquals(-1, leaf.getBasicConstraints());
        assertTrue(leaf.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.15", "2.5.29.19")));
        assertEquals(Set.of(List.of(2, "api.hypermesh.online"), List.of(2, "trust.hypermesh.online")), Set.copyOf(sans(leaf)));
        assertEquals("CN=api.hypermesh.online", leaf.getSubjectX500Principal().getName());
        assertEquals(Duration.ofHours(24), Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).plusSeconds(1));
        assertTrue(leaf.getSerialNumber().bitLength() >= 64);
        assertEquals("SHA384withECDSA", leaf.getSigAlgName());

        X509CertificateHolder holder = new X509CertificateHolder(leaf.getEncoded());
        AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(holder.getExtensions());
        assertEquals("http://localhost:8080/ocsp", aia.getAccessDescriptions()[0].getAccessLocation().getName().toString());
        assertEquals("http://localhost:8080/ca/us-east-1-g1.cer", aia.getAccessDescriptions()[1].getAccessLocation().getName().toString());
        CRLDistPoint dp = CRLDistPoint.fromExtensions(holder.getExtensions());
        assertTrue(dp.getDistributionPoints()[0].toString().contains("http://localhost:8080/crl/us-east-1-g1.crl"));
        assertEquals("2.23.140.1.2.1", CertificatePolicies.fromExtensions(holder.getExtensions()).getPolicyInformation()[0].getPolicyIdentifier().getId());
        assertNotNull(holder.getExtension(Extension.authorityKeyIdentifier));
        assertNotNull(holder.getExtension(Extension.subjectKeyIdentifier));
    }

    @Test
    void issue_serviceProfileHasBothUsagesAndClientOnlyClient() throws Exception {
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), issue(CertificateProfile.SERVICE, TestCsrs.csr("svc.hypermesh.online")).getExtendedKeyUsage());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), issue(CertificateProfile.CLIENT, TestCsrs.csr("cli.hypermesh.online")).getExtendedKeyUsage());
    }

    @Test
    void issue_rsaServerKeyGetsKeyEnciphermentAndEmptySubjectGetsCriticalSan() throws Exception {
        X509Certificate rsa = issue(CertificateProfile.SERVER, TestCsrs.csr(TestCsrs.rsa(2048), "CN=rsa.hypermesh.online", List.of()));
        assertTrue(rsa.getKeyUsage()[2]);
        X509Certificate uriOnly = issue(CertificateProfile.CLIENT, TestCsrs.csr(TestCsrs.ec("secp256r1"), "",
                List.of(new org.bouncycastle.asn1.x509.GeneralName(6, "spiffe://hypermesh.online/sa/x"))));
        assertEquals("", uriOnly.getSubjectX500Principal().getName());
        assertTrue(uriOnly.getCriticalExtensionOIDs().contains("2.5.29.17"));
    }

    @Test
    void hierarchy_caCertificatesHaveTheRightShape() throws Exception {
        X509Certificate root = x509(ca.root.certificate());
        X509Certificate intermediate = x509(ca.intermediate.certificate());
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
        assertEquals(0, intermediate.getBasicConstraints());
        assertEquals("SHA256withRSA", intermediate.getSigAlgName());
        assertEquals("EC", intermediate.getPublicKey().getAlgorithm());
        assertEquals(4096, ((java.security.interfaces.RSAPublicKey) root.getPublicKey()).getModulus().bitLength());
        root.verify(root.getPublicKey());
        intermediate.verify(root.getPublicKey());
        assertEquals(3650, Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant()).plusSeconds(1).toDays());
    }

    @SuppressWarnings("unchecked")
    private static Collection<List<?>> sans(X509Certificate cert) throws Exception {
        return cert.getSubjectAlternativeNames();
    }

    @Test
    void serialNumbers_roundTripAsLowerCaseHex() {
        BigInteger serial = SerialNumbers.next();
        String hex = SerialNumbers.toHex(serial);
        assertEquals(hex.toLowerCase(), hex);
        assertEquals(serial, SerialNumbers.parseHex(hex));
        assertEquals(null, SerialNumbers.parseHex("xyz"));
    }
}
