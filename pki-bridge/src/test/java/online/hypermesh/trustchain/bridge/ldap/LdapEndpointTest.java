package online.hypermesh.trustchain.bridge.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

/**
 * StartTLS to Debian's slapd configured with a certificate made here and {@code security tls=1}
 * (every operation but StartTLS needs TLS): the bind and the reads go over TLS; a client without
 * StartTLS is refused by the directory; a certificate from another CA, or for another host, is
 * refused before the password is sent.
 */
class LdapEndpointTest {
    @TempDir
    static Path dir;
    private static Slapd slapd;
    private static Path otherCa;
    private static Path lookAlikeCa;

    @BeforeAll
    static void start() throws Exception {
        KeyPair caKey = ecKey();
        X500Name caName = new X500Name("CN=directory test CA");
        X509Certificate ca = certificate(caName, caName, caKey.getPublic(), caKey, true, null);
        // RSA for the server: GnuTLS reads Java's PKCS#8 encoding of it (of an EC key it wants the curve inside, which Java leaves out).
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair serverKey = rsa.generateKeyPair();
        // Named for 127.0.0.1 only: ldap://localhost reaches the same server under a name it does not hold.
        X509Certificate server = certificate(caName, new X500Name("CN=127.0.0.1"), serverKey.getPublic(), caKey, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        Path caFile = pem(dir.resolve("ca.pem"), ca);
        Path certFile = pem(dir.resolve("slapd.pem"), server);
        Path keyFile = pem(dir.resolve("slapd.key"), new JcaPKCS8Generator(serverKey.getPrivate(), null));
        KeyPair otherKey = ecKey();
        otherCa = pem(dir.resolve("other-ca.pem"), certificate(new X500Name("CN=another test CA"), new X500Name("CN=another test CA"),
                otherKey.getPublic(), otherKey, true, null));
        // Same name as the directory's CA, another key: only a signature check tells them apart.
        KeyPair lookAlikeKey = ecKey();
        lookAlikeCa = pem(dir.resolve("look-alike-ca.pem"), certificate(caName, caName, lookAlikeKey.getPublic(), lookAlikeKey, true, null));
        slapd = new Slapd(dir.resolve("slapd"), new Slapd.Tls(certFile, keyFile, caFile));
    }

    @AfterAll
    static void stop() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    private static LdapEndpoint endpoint(String host, Optional<Path> trust, boolean startTls) {
        return new LdapEndpoint(URI.create("ldap://" + host + ":" + slapd.port()), Optional.of(Slapd.ADMIN), () -> Slapd.PASSWORD, trust, startTls);
    }

    @Test
    void startTls_withTheDirectorysCa_bindsAndReadsOverTls() throws Exception {
        try (LDAPConnection c = endpoint("127.0.0.1", Optional.of(dir.resolve("ca.pem")), true).open()) {
            assertNotNull(c.getSSLSession(), "the connection was upgraded");
            assertTrue(c.getSSLSession().getProtocol().startsWith("TLSv1."), c.getSSLSession().getProtocol());
            assertNotNull(c.getEntry(Slapd.SUFFIX), "the directory answers a TLS-only read");
        }
        assertTrue(slapd.ldapsearch(Slapd.SUFFIX, "(objectClass=domain)", "dc").contains("dc: example"), "ldapsearch -ZZ reads it too");
    }

    @Test
    void withoutStartTls_theDirectoryRefusesTheBind() {
        LDAPException e = assertThrows(LDAPException.class, () -> endpoint("127.0.0.1", Optional.of(dir.resolve("ca.pem")), false).open().close());
        assertEquals(ResultCode.CONFIDENTIALITY_REQUIRED, e.getResultCode(), e.getMessage());
    }

    @Test
    void aCertificateFromAnotherCa_isRefused() {
        LDAPException e = assertThrows(LDAPException.class, () -> endpoint("127.0.0.1", Optional.of(otherCa), true).open().close());
        assertTrue(e.getResultCode() != ResultCode.SUCCESS && e.getResultCode() != ResultCode.INVALID_CREDENTIALS, e.getMessage());
    }

    @Test
    void aCaWithTheSameNameButAnotherKey_isRefused() {
        LDAPException e = assertThrows(LDAPException.class, () -> endpoint("127.0.0.1", Optional.of(lookAlikeCa), true).open().close());
        assertTrue(e.getResultCode() != ResultCode.INVALID_CREDENTIALS, e.getMessage());
    }

    @Test
    void aCertificateForAnotherHost_isRefused() {
        LDAPException e = assertThrows(LDAPException.class, () -> endpoint("localhost", Optional.of(dir.resolve("ca.pem")), true).open().close());
        assertTrue(e.getMessage().contains("localhost"), e.getMessage());
    }

    @Test
    void startTlsOnLdaps_isRefusedAsASettingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LdapEndpoint(URI.create("ldaps://127.0.0.1:636"),
                Optional.empty(), () -> "", Optional.empty(), true));
        assertTrue(e.getMessage().contains("StartTLS is for ldap://"), e.getMessage());
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name issuer, X500Name subject, java.security.PublicKey key, KeyPair signer, boolean ca,
                                               GeneralNames names) throws Exception {
        Date from = new Date(System.currentTimeMillis() - 60_000);
        Date to = new Date(System.currentTimeMillis() + 86_400_000L);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()), from, to, subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (names != null) {
            b.addExtension(Extension.subjectAlternativeName, false, names);
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static Path pem(Path file, Object object) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(object);
        }
        return Files.writeString(file, s.toString());
    }
}
