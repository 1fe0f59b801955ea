package online.hypermesh.trustchain.bridge.acme;

import java.security.SecureRandom;

/**
 * A fresh external account binding key id and HMAC key (RFC 8555 7.3.4), both base64url.
 *
 * <p>Neither ever begins with '-': operators paste them into command lines, and certbot's
 * argument parser takes {@code --eab-hmac-key -x...} for a missing value followed by an unknown
 * option (one key in 64 would otherwise fail that way). Redrawing such a value costs less than
 * one bit of the 256 the key has.
 */
public record EabCredentials(String kid, byte[] hmacKey) {
    private static final int KID_BYTES = 12;
    private static final int KEY_BYTES = 32;

    public static EabCredentials draw(SecureRandom random) {
        byte[] kid = safeForCommandLines(random, KID_BYTES);
        byte[] key = safeForCommandLines(random, KEY_BYTES);
        return new EabCredentials(Base64Url.encode(kid), key);
    }

    public String hmacKeyText() {
        return Base64Url.encode(hmacKey);
    }

    private static byte[] safeForCommandLines(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        do {
            random.nextBytes(bytes);
        } while (Base64Url.encode(bytes).startsWith("-"));
        return bytes;
    }
}
