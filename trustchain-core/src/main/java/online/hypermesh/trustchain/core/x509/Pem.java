package online.hypermesh.trustchain.core.x509;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** RFC 7468 textual encoding, strict enough to reject garbage and lenient about whitespace. */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private Pem() {
    }

    public static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    public static String certificate(byte[] der) {
        return encode("CERTIFICATE", der);
    }

    /** Whether the text looks like PEM at all (as opposed to DER bytes). */
    public static boolean looksLikePem(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 64), StandardCharsets.US_ASCII).stripLeading();
        return head.startsWith("-----BEGIN ");
    }

    /** Decodes the first block whose label is one of {@code labels}. */
    public static byte[] decode(String text, String... labels) {
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            for (String label : labels) {
                if (label.equals(m.group(1))) {
                    return decodeBody(m.group(2), label);
                }
            }
        }
        throw TrustChainException.malformed("no PEM block labelled " + String.join(" or ", labels) + " found");
    }

    /** Decodes every CERTIFICATE block, in order. */
    public static List<byte[]> decodeCertificates(String text) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if ("CERTIFICATE".equals(m.group(1))) {
                out.add(decodeBody(m.group(2), "CERTIFICATE"));
            }
        }
        return out;
    }

    private static byte[] decodeBody(String body, String label) {
        try {
            return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw TrustChainException.malformed("the " + label + " PEM block is not valid base64");
        }
    }
}
