package online.hypermesh.trustchain.ca.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;

class OperatorRootTest {
    private static final KeyPair ROOT_KEY = ecKey();

    @Test
    void parse_acceptsASelfSignedCaInDerAndPem_withTheSha256OfTheDer() throws Exception {
        byte[] der = certificate("CN=Op Root", "CN=Op Root", ROOT_KEY.getPublic(), ROOT_KEY.getPrivate(), true, KeyUsage.keyCertSign | KeyUsage.cRLSign);

        OperatorRoot fromDer = OperatorRoot.parse(der);
        OperatorRoot fromPem = OperatorRoot.parse(("\n" + Pem.certificate(der)).getBytes(StandardCharsets.US_ASCII));

        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(der);
        assertArrayEquals(sha256, fromDer.fingerprint());
        assertArrayEquals(der, fromDer.der());
        assertArrayEquals(der, fromPem.der());
        assertEquals("CN=Op Root", fromPem.subject());
        assertEquals(64, fromPem.fingerprintHex().length());
    }

    @Test
    void parse_refusesAnEndEntityCertificate() {
        byte[] der = certificate("CN=Leaf", "CN=Leaf", ROOT_KEY.getPublic(), ROOT_KEY.getPrivate(), false, null);
        TrustChainException e = assertThrows(TrustChainException.class, () -> OperatorRoot.parse(der));
        assertEquals(ErrorKind.POLICY_VIOLATION, e.kind());
        assertTrue(e.getMessage().contains("not a CA certificate"), e.getMessage());
    }

    @Test
    void parse_refusesACaWhoseKeyUsageLacksKeyCertSign() {
        byte[] der = certificate("CN=Op Root", "CN=Op Root", ROOT_KEY.getPublic(), ROOT_KEY.getPrivate(), true, KeyUsage.digitalSignature);
        TrustChainException e = assertThrows(TrustChainException.class, () -> OperatorRoot.parse(der));
        assertEquals(ErrorKind.POLICY_VIOLATION, e.kind());
        assertTrue(e.getMessage().contains("keyCertSign"), e.getMessage());
    }

    @Test
    void parse_refusesAnIntermediate() {
        KeyPair intermediate = ecKey();
        byte[] der = certificate("CN=Op Root", "CN=Op Intermediate", intermediate.getPublic(), ROOT_KEY.getPrivate(), true, null);
        TrustChainException e = assertThrows(TrustChainException.class, () -> OperatorRoot.parse(der));
        assertEquals(ErrorKind.POLICY_VIOLATION, e.kind());
        assertTrue(e.getMessage().contains("not self-signed"), e.getMessage());
    }

    @Test
    void parse_refusesASelfIssuedCertificateSignedByAnotherKey() {
        KeyPair other = ecKey();
        byte[] der = certificate("CN=Op Root", "CN=Op Root", ROOT_KEY.getPublic(), other.getPrivate(), true, null);
        TrustChainException e = assertThrows(TrustChainException.class, () -> OperatorRoot.parse(der));
        assertEquals(ErrorKind.POLICY_VIOLATION, e.kind());
        assertTrue(e.getMessage().contains("signature does not verify"), e.getMessage());
    }

    @Test
    void parse_refusesGarbageTrailingBytesAndTwoPemBlocks() {
        byte[] der = certificate("CN=Op Root", "CN=Op Root", ROOT_KEY.getPublic(), ROOT_KEY.getPrivate(), true, null);
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 1);
        String twoBlocks = Pem.certificate(der) + Pem.certificate(der);

        assertEquals(ErrorKind.MALFORMED_REQUEST, assertThrows(TrustChainException.class, () -> OperatorRoot.parse(new byte[0])).kind());
        assertEquals(ErrorKind.MALFORMED_REQUEST, assertThrows(TrustChainException.class,
                () -> OperatorRoot.parse("hello".getBytes(StandardCharsets.US_ASCII))).kind());
        assertEquals(ErrorKind.MALFORMED_REQUEST, assertThrows(TrustChainException.class, () -> OperatorRoot.parse(trailing)).kind());
        TrustChainException two = assertThrows(TrustChainException.class,
                () -> OperatorRoot.parse(twoBlocks.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ErrorKind.MALFORMED_REQUEST, two.kind());
        assertTrue(two.getMessage().contains("2 CERTIFICATE blocks"), two.getMessage());
    }

    static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] certificate(String issuer, String subject, PublicKey key, PrivateKey signer, boolean ca, Integer keyUsage) {
        try {
            long now = System.currentTimeMillis();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now),
                    new Date(now - 60_000), new Date(now + 86_400_000L), new X500Name(subject), key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (keyUsage != null) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
