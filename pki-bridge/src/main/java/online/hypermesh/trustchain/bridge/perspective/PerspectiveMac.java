package online.hypermesh.trustchain.bridge.perspective;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a message body, base64, in a header: how the CA and its remote perspectives
 * know each other. Both directions are authenticated, with the request's nonce in the reply, so
 * nobody on the path can ask a perspective to validate nor forge or replay its verdict.
 */
public final class PerspectiveMac {
    /** The header both requests and replies carry. */
    public static final String HEADER = "X-TrustChain-Perspective-MAC";
    /** A shared secret shorter than this is refused at start, on both sides. */
    public static final int MIN_SECRET_BYTES = 16;

    private PerspectiveMac() {
    }

    public static String sign(byte[] secret, byte[] body) {
        return Base64.getEncoder().encodeToString(mac(secret, body));
    }

    /** In constant time; false for a missing or undecodable MAC. */
    public static boolean verify(byte[] secret, byte[] body, String mac) {
        if (mac == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(mac.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, body), given);
    }

    private static byte[] mac(byte[] secret, byte[] body) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the perspective secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            return m.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
