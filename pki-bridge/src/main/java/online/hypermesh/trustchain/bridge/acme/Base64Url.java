package online.hypermesh.trustchain.bridge.acme;

import java.util.Base64;

/** base64url without padding (RFC 7515 section 2), strictly: padding or other alphabets are malformed. */
public final class Base64Url {
    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @throws AcmeProblem malformed, naming {@code what}, if the text is not unpadded base64url */
    public static byte[] decode(String text, String what) {
        if (text == null || text.indexOf('=') >= 0 || !text.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
            throw new AcmeProblem(AcmeProblem.Type.MALFORMED, what + " is not base64url without padding");
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new AcmeProblem(AcmeProblem.Type.MALFORMED, what + " is not base64url: " + e.getMessage());
        }
    }
}
