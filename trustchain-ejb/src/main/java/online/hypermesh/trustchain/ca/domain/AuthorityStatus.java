package online.hypermesh.trustchain.ca.domain;

/** active: issues; retired: superseded by a newer key but still valid for what it issued; revoked. */
public enum AuthorityStatus {
    ACTIVE, RETIRED, REVOKED;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AuthorityStatus fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
