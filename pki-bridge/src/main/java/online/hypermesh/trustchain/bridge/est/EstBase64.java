package online.hypermesh.trustchain.bridge.est;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The "Content-Transfer-Encoding: base64" of every EST body (RFC 7030 4.1.3, RFC 8951 2): bodies
 * are sent as base64 text, in lines or not. Decoding accepts line breaks and spaces but nothing
 * else, so a body that is not base64 is refused rather than silently shortened.
 */
public final class EstBase64 {
    /** RFC 2045 lines: 76 characters, CRLF. */
    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    private EstBase64() {
    }

    public static byte[] encode(byte[] der) {
        byte[] text = ENCODER.encode(der);
        byte[] out = new byte[text.length + 2];
        System.arraycopy(text, 0, out, 0, text.length);
        out[text.length] = '\r';
        out[text.length + 1] = '\n';
        return out;
    }

    /** The DER a base64 body carries; 400 if it is empty or not base64. */
    public static byte[] decode(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw EstError.badRequest("the body is empty; send the " + what + " as base64 (DER, base64-encoded, e.g. openssl ... -outform DER | base64)");
        }
        StringBuilder compact = new StringBuilder(body.length);
        for (byte b : body) {
            char c = (char) (b & 0xff);
            if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
                continue;
            }
            boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
            if (!base64) {
                throw EstError.badRequest("the body is not base64 (RFC 7030 4.1.3: Content-Transfer-Encoding base64); send the " + what
                        + " as base64 text, not DER or PEM");
            }
            compact.append(c);
        }
        try {
            byte[] der = Base64.getDecoder().decode(compact.toString().getBytes(StandardCharsets.US_ASCII));
            if (der.length == 0) {
                throw EstError.badRequest("the body decodes to nothing; send the " + what + " as base64");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw EstError.badRequest("the body is not valid base64 (" + e.getMessage() + "); send the " + what + " as base64");
        }
    }
}
