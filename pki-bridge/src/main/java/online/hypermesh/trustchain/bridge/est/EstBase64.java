package online.hypermesh.trustchain.bridge.est;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The "Content-Transfer-Encoding: base64" of every EST body (RFC 7030 4.1.3, RFC 8951 2): bodies
 * are sent as base64 text, in lines or not. Decoding accepts line breaks and spaces but nothing
 * else, so a body that is not base64 is refused rather than silently shortened.
 */
public final class EstBase64 {
    /**
     * Lines of 76 characters as RFC 2045 has them, but ending in LF alone: the RFC's own recipe
     * ({@code curl ... | base64 -d}) fails on CR with GNU coreutils, and every EST client takes LF.
     */
    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(76, new byte[] {'\n'});

    private EstBase64() {
    }

    /** Inside multipart/mixed, where MIME (RFC 2046 5.1.1) has every line end in CRLF. */
    private static final Base64.Encoder MIME_ENCODER = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    /** A whole body: base64 in lines ending in LF. */
    public static byte[] encode(byte[] der) {
        return withLineEnd(ENCODER.encode(der), new byte[] {'\n'});
    }

    /** A body part of multipart/mixed: base64 in lines ending in CRLF. */
    public static byte[] encodeForMultipart(byte[] der) {
        return withLineEnd(MIME_ENCODER.encode(der), new byte[] {'\r', '\n'});
    }

    private static byte[] withLineEnd(byte[] text, byte[] end) {
        byte[] out = new byte[text.length + end.length];
        System.arraycopy(text, 0, out, 0, text.length);
        System.arraycopy(end, 0, out, text.length, end.length);
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
