package online.hypermesh.trustchain.core.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Cipher;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.soft.InMemoryWrappedKeyStore;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The SCEP RA certificate, and RSA key transport through the software token with its key. */
class RaCertificateIssuerTest {
    private final SoftwareCryptoToken token = new SoftwareCryptoToken(new InMemoryWrappedKeyStore(),
            "throwaway-test-secret-0123456789".toCharArray(), Clock.systemUTC());
    private final HierarchyFactory factory = new HierarchyFactory(token, new CertificateLinter(token::publicKey), new CertificateSigner(token),
            Clock.systemUTC(), "http://localhost:8080");
    private final IssuingAuthority root = factory.createRoot("ra-root", new X500Name("C=US,O=Throwaway,CN=Throwaway Root"),
            KeyType.EC_P384, Duration.ofDays(30));

    @Test
    void issue_certifiesAnRsaKeyForSignatureAndKeyEnciphermentOnly_byTheCa() throws Exception {
        X509CertificateHolder ra = new RaCertificateIssuer(token).issue(root, "scep-ra-t1", Duration.ofDays(10), Instant.now());

        assertTrue(ra.isSignatureValid(new JcaContentVerifierProviderBuilder().build(root.certificate())));
        assertEquals(root.certificate().getSubject(), ra.getIssuer());
        assertArrayEquals(token.publicKey("scep-ra-t1").getEncoded(), ra.getSubjectPublicKeyInfo().getEncoded());
        assertEquals("RSA", token.publicKey("scep-ra-t1").getAlgorithm());
        KeyUsage usage = KeyUsage.fromExtensions(ra.getExtensions());
        assertTrue(usage.hasUsages(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        assertFalse(usage.hasUsages(KeyUsage.keyCertSign) || usage.hasUsages(KeyUsage.cRLSign));
        assertFalse(BasicConstraints.fromExtensions(ra.getExtensions()).isCA());
        assertTrue(ra.getExtension(Extension.keyUsage).isCritical());
    }

    @Test
    void issue_endsWithTheCa() {
        X509CertificateHolder ra = new RaCertificateIssuer(token).issue(root, "scep-ra-t2", Duration.ofDays(365), Instant.now());
        assertEquals(root.certificate().getNotAfter(), ra.getNotAfter());
    }

    @Test
    void decryptKeyTransport_opensWhatIsEncryptedToTheRaCertificate_andSaysNothingOnBadPadding() throws Exception {
        X509CertificateHolder ra = new RaCertificateIssuer(token).issue(root, "scep-ra-t3", Duration.ofDays(10), Instant.now());
        Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(ra).getPublicKey());
        byte[] key = new byte[16];
        new java.security.SecureRandom().nextBytes(key);

        assertArrayEquals(key, token.decryptKeyTransport("scep-ra-t3", cipher.doFinal(key)));
        TrustChainException bad = assertThrows(TrustChainException.class, () -> token.decryptKeyTransport("scep-ra-t3", new byte[256]));
        assertEquals(ErrorKind.MALFORMED_REQUEST, bad.kind());
        // A CA's EC key decrypts nothing.
        assertThrows(TrustChainException.class, () -> token.decryptKeyTransport(root.keyAlias(), new byte[96]));
    }
}
