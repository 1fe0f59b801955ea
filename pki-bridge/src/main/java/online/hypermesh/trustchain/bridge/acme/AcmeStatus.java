package online.hypermesh.trustchain.bridge.acme;

import java.util.Locale;

/** The status values of RFC 8555 7.1.6, as they appear in the JSON objects (lower case). */
public enum AcmeStatus {
    PENDING, PROCESSING, READY, VALID, INVALID, DEACTIVATED, EXPIRED, REVOKED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AcmeStatus of(String json) {
        return valueOf(json.toUpperCase(Locale.ROOT));
    }
}
