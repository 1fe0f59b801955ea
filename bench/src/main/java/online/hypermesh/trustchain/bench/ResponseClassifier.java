package online.hypermesh.trustchain.bench;

import java.nio.charset.StandardCharsets;

/**
 * Decides whether an issuance response is a success without parsing it: status 201 and a marker that only a real
 * issuance answer carries ({@code "serial_number"} in JSON, a certificate in a PEM chain).
 */
final class ResponseClassifier {
    static final String MALFORMED = "201-without-certificate";

    private final byte[] marker;
    private final int expectedStatus;

    ResponseClassifier(RequestForm form) {
        String text = switch (form) {
            case JSON -> "\"serial_number\"";
            case PKCS10 -> "-----BEGIN CERTIFICATE-----";
            case CFSSL -> "\"success\":true";
        };
        this.expectedStatus = form == RequestForm.CFSSL ? 200 : 201;
        this.marker = text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Null for a success, otherwise the key failures of this kind are counted under. */
    String failureKey(int status, byte[] body) {
        if (status != expectedStatus) {
            return Integer.toString(status);
        }
        return contains(body, marker) ? null : MALFORMED;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
