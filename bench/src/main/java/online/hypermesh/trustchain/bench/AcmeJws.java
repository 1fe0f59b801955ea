package online.hypermesh.trustchain.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** One ACME account key (P-256) and the flattened JWS (RFC 7515, RFC 8555 6.2) it signs, with the JDK alone. */
final class AcmeJws {
    private final KeyPair pair;
    final String jwk;
    final String thumbprint;

    AcmeJws() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        pair = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        String x = b64(unsigned(pub.getW().getAffineX()));
        String y = b64(unsigned(pub.getW().getAffineY()));
        // RFC 7638: the required members in lexical order, no spaces.
        jwk = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        thumbprint = b64(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
    }

    String keyAuthorization(String token) {
        return token + "." + thumbprint;
    }

    /** Signed with the key, identified by its JWK (new-account) or by the account URL (everything else). */
    String sign(String url, String nonce, String kid, String payload) throws GeneralSecurityException {
        String header = "{\"alg\":\"ES256\"," + (kid == null ? "\"jwk\":" + jwk : "\"kid\":\"" + kid + "\"") + ",\"nonce\":\"" + nonce
                + "\",\"url\":\"" + url + "\"}";
        String protectedB64 = b64(header.getBytes(StandardCharsets.UTF_8));
        String payloadB64 = payload.isEmpty() ? "" : b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(pair.getPrivate());
        s.update((protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
        return "{\"protected\":\"" + protectedB64 + "\",\"payload\":\"" + payloadB64 + "\",\"signature\":\"" + b64(s.sign()) + "\"}";
    }

    /** The external account binding (RFC 8555 7.3.4): this key's JWK MACed with the EAB key. */
    String externalAccountBinding(String kid, String hmacKeyB64Url, String newAccountUrl) throws GeneralSecurityException {
        String protectedB64 = b64(("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"url\":\"" + newAccountUrl + "\"}").getBytes(StandardCharsets.UTF_8));
        String payloadB64 = b64(jwk.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(hmacKeyB64Url), "HmacSHA256"));
        byte[] tag = mac.doFinal((protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
        return "{\"protected\":\"" + protectedB64 + "\",\"payload\":\"" + payloadB64 + "\",\"signature\":\"" + b64(tag) + "\"}";
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A P-256 coordinate as exactly 32 bytes. */
    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length == 32) {
            return b;
        }
        byte[] out = new byte[32];
        if (b.length > 32) {
            System.arraycopy(b, b.length - 32, out, 0, 32);
        } else {
            System.arraycopy(b, 0, out, 32 - b.length, b.length);
        }
        return Arrays.copyOf(out, 32);
    }
}
