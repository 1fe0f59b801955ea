package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository.BoundAccount;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository.StoredAnchor;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.NameScope;

/** When a client certificate of an enterprise CA imported as a client-auth trust anchor is an account's credential. */
class EnterpriseClientCertificateTest {
    private static final String ROOT = "C=DE,O=Corp,CN=Corp Root CA";
    private static final Instant NOW = Instant.now();

    private final KeyPair rootKey = ec();
    private final X509Certificate root = certificate(ROOT, rootKey, ROOT, rootKey, true, null);
    private final StoredAnchor anchor = new StoredAnchor(1, "corp", List.of(der(root)), List.of("client-auth"), NOW, "admin", null, null);

    @Test
    void aClientCertificateOfTheAnchor_withABoundUri_isTheAccount() {
        X509Certificate leaf = certificate("CN=ops", ec(), ROOT, rootKey, false, KeyPurposeId.id_kp_clientAuth);
        assertEquals(1, ClientCertificateCheck.anchorPath(anchor, leaf).orElseThrow().size());
        ClientCertificateCheck.requireEnterpriseValid(leaf, anchor, NOW);
        List<String> ids = ClientCertificateCheck.identifiers(leaf);
        assertEquals(List.of("spiffe://corp.example/ops"), ids);
        BoundAccount b = ClientCertificateCheck.requireOneAccount(List.of(binding(leaf.getNotBefore().toInstant().minusSeconds(1))),
                leaf.getNotBefore().toInstant(), ids);
        assertEquals("corp-ops", b.accountName());
    }

    @Test
    void aCertificateNamingTheAnchorButSignedByAnotherKey_isNotTheAnchors() {
        X509Certificate forged = certificate("CN=ops", ec(), ROOT, ec(), false, KeyPurposeId.id_kp_clientAuth);
        assertTrue(ClientCertificateCheck.anchorPath(anchor, forged).isEmpty());
    }

    @Test
    void withoutClientAuth_orBoundAfterItsNotBefore_itIsRefused() {
        X509Certificate server = certificate("CN=ops", ec(), ROOT, rootKey, false, KeyPurposeId.id_kp_serverAuth);
        TrustChainException e = assertThrows(TrustChainException.class, () -> ClientCertificateCheck.requireEnterpriseValid(server, anchor, NOW));
        assertEquals(ErrorKind.UNAUTHORIZED, e.kind());
        assertTrue(e.detail().contains("clientAuth"), e.detail());

        X509Certificate leaf = certificate("CN=ops", ec(), ROOT, rootKey, false, KeyPurposeId.id_kp_clientAuth);
        Instant notBefore = leaf.getNotBefore().toInstant();
        TrustChainException late = assertThrows(TrustChainException.class, () -> ClientCertificateCheck.requireOneAccount(
                List.of(binding(notBefore.plusSeconds(1))), notBefore, ClientCertificateCheck.identifiers(leaf)));
        assertTrue(late.detail().contains("before 'spiffe://corp.example/ops' was bound"), late.detail());
    }

    @Test
    void anIdentifierInTheDeploymentsOwnNamespace_cannotBeAssertedByAnotherCa() {
        List<NameScope> own = List.of(NameScope.dns("hypermesh.online", true, true), NameScope.uri("spiffe://hypermesh.online/"));
        ClientCertificateCheck.requireOutsideOwnNamespace(List.of("spiffe://corp.example/ops"), own);
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> ClientCertificateCheck.requireOutsideOwnNamespace(List.of("spiffe://hypermesh.online/admin"), own));
        assertEquals(ErrorKind.UNAUTHORIZED, e.kind());
        assertTrue(e.detail().contains("own namespace"), e.detail());
    }

    private static BoundAccount binding(Instant boundAt) {
        return new BoundAccount("spiffe://corp.example/ops", boundAt, "corp-ops", List.of("auditor"), List.of());
    }

    private static X509Certificate certificate(String subject, KeyPair key, String issuer, KeyPair issuerKey, boolean ca, KeyPurposeId purpose) {
        try {
            var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(System.nanoTime()).shiftLeft(8),
                    Date.from(NOW.minus(Duration.ofMinutes(5))), Date.from(NOW.plus(Duration.ofDays(1))), new X500Name(subject), key.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://corp.example/ops")));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
