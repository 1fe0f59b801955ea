package online.hypermesh.trustchain.ca.domain;

/** The API's certificate states (API.md): valid, revoked, expired. */
public enum CertificateStatus {
    VALID, REVOKED, EXPIRED;

    public String apiValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CertificateStatus fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
