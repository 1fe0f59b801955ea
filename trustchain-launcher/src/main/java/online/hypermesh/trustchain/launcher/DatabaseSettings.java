package online.hypermesh.trustchain.launcher;

import java.util.Objects;

/**
 * How WildFly reaches PostgreSQL. toString never shows the password, so the record can be
 * logged or printed safely.
 */
public record DatabaseSettings(String url, String user, String password) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The URL with any password parameter masked, for banners and error messages. */
    public String displayUrl() {
        return redact(url);
    }

    /** Masks password=... in JDBC URL query parameters (PostgreSQL allows it there). */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + displayUrl() + ", user=" + user + "]";
    }
}
