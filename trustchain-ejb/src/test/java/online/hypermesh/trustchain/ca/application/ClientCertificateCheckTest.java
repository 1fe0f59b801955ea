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
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository.BoundAccount;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** When a TLS client certificate that passed the handshake is an account's credential, and why not. */
class ClientCertificateCheckTest {
    private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant NOW = ISSUED.plus(Duration.ofHours(1));

    @Test
    void aValidClientCertificate_withABoundUri_isTheAccount() throws Exception {
        X509Certificate cert = certificate(KeyPurposeId.id_kp_clientAuth, "SPIFFE://Hypermesh.Online/ops/alice");
        CertificateRecord record = record(cert, CertificateStatus.VALID);
        ClientCertificateCheck.requireIssuedAndValid(cert, record, NOW);
        List<String> ids = ClientCertificateCheck.identifiers(cert);
        assertEquals(List.of("spiffe://hypermesh.online/ops/alice"), ids, "compared in the canonical form bindings are stored in");
        BoundAccount bound = ClientCertificateCheck.requireOneAccount(List.of(binding("ops", ISSUED.minusSeconds(60))), record, ids);
        assertEquals("ops", bound.accountName());
    }

    @Test
    void refusals_sayWhich_checkFailed() throws Exception {
        X509Certificate cert = certificate(KeyPurposeId.id_kp_clientAuth, "spiffe://hypermesh.online/ops/alice");
        assertTrue(refused(() -> ClientCertificateCheck.requireIssuedAndValid(cert, record(cert, CertificateStatus.REVOKED), NOW))
                .contains("is revoked"));
        assertTrue(refused(() -> ClientCertificateCheck.requireIssuedAndValid(cert, record(cert, CertificateStatus.VALID),
                ISSUED.plus(Duration.ofHours(25)))).contains("valid only from"));
        X509Certificate other = certificate(KeyPurposeId.id_kp_clientAuth, "spiffe://hypermesh.online/ops/alice");
        assertTrue(refused(() -> ClientCertificateCheck.requireIssuedAndValid(other, record(cert, CertificateStatus.VALID), NOW))
                .contains("is not the certificate this CA issued"));
        X509Certificate server = certificate(KeyPurposeId.id_kp_serverAuth, "spiffe://hypermesh.online/ops/alice");
        assertTrue(refused(() -> ClientCertificateCheck.requireIssuedAndValid(server, record(server, CertificateStatus.VALID), NOW))
                .contains("clientAuth"));

        CertificateRecord record = record(cert, CertificateStatus.VALID);
        List<String> ids = ClientCertificateCheck.identifiers(cert);
        assertTrue(refused(() -> ClientCertificateCheck.requireOneAccount(List.of(), record, ids)).contains("is bound to an enabled account"));
        assertTrue(refused(() -> ClientCertificateCheck.requireOneAccount(List.of(binding("ops", ISSUED.plusSeconds(1))), record, ids))
                .contains("before 'spiffe://hypermesh.online/ops/alice' was bound"));
        assertTrue(refused(() -> ClientCertificateCheck.requireOneAccount(List.of(binding("ops", ISSUED), binding("web", ISSUED)), record, ids))
                .contains("more than one account"));
    }

    private static String refused(Runnable check) {
        TrustChainException e = assertThrows(TrustChainException.class, check::run);
        assertEquals(ErrorKind.UNAUTHORIZED, e.kind());
        return e.detail();
    }

    private static BoundAccount binding(String account, Instant at) {
        return new BoundAccount("spiffe://hypermesh.online/ops/alice", at, account, List.of("issuer"), List.of());
    }

    private static CertificateRecord record(X509Certificate cert, CertificateStatus status) {
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return new CertificateRecord(cert.getSerialNumber().toString(16), "issuer", null, "client", "CN=alice",
                List.of("spiffe://hypermesh.online/ops/alice"), ISSUED, ISSUED.plus(Duration.ofHours(24)), status, null, null,
                der, ISSUED, null, null, null);
    }

    private static X509Certificate certificate(KeyPurposeId purpose, String uri) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=test CA"), BigInteger.valueOf(System.nanoTime()),
                Date.from(ISSUED), Date.from(ISSUED.plus(Duration.ofHours(24))), new X500Name("CN=alice"), pair.getPublic());
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
