package online.hypermesh.trustchain.bridge.est;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Server-side key generation (RFC 7030 4.4): a fresh P-256 key, a request for it that repeats the
 * client's subject and requested extensions (so the key goes through the same issuance path as any
 * CSR, proof of possession included), and the multipart/mixed reply of 4.4.2 with the private key
 * (unencrypted PKCS#8: the TLS session protects it) and the certificate. Nothing here keeps the key.
 */
public final class ServerKeyGeneration {
    public static final String KEY_PART_TYPE = "application/pkcs8";
    public static final String CERT_PART_TYPE = "application/pkcs7-mime; smime-type=certs-only";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerKeyGeneration() {
    }

    /** A new key pair on P-256 (secp256r1), the curve csrattrs asks for. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generator: " + e.getMessage(), e);
        }
    }

    /** DER of a request for {@code key} with the subject and requested extensions of the client's request. */
    public static byte[] requestFor(EstCsr template, KeyPair key) {
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(template.subject(), key.getPublic());
        Extensions extensions = template.requestedExtensions();
        if (extensions != null) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions);
        }
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
            return builder.build(signer).getEncoded();
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("the request for the generated key could not be signed: " + e.getMessage(), e);
        }
    }

    /** The 4.4.2 reply: its Content-Type (with the boundary) and body. */
    public record Multipart(String contentType, byte[] body) {
    }

    public static Multipart reply(byte[] pkcs8PrivateKey, byte[] certsOnly) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String boundary = "est-" + HexFormat.of().formatHex(random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, boundary, KEY_PART_TYPE, pkcs8PrivateKey);
        part(out, boundary, CERT_PART_TYPE, certsOnly);
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Multipart("multipart/mixed; boundary=" + boundary, out.toByteArray());
    }

    private static void part(ByteArrayOutputStream out, String boundary, String type, byte[] der) {
        out.writeBytes(("--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        // The part's CRLF line end before the next boundary belongs to the delimiter (RFC 2046 5.1.1).
        out.writeBytes(EstBase64.encodeForMultipart(der));
    }
}
