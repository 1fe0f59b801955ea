package online.hypermesh.trustchain.ca.config;

/**
 * Where the database is, for the one connection TrustChain opens itself rather than from
 * TrustChainDS: the CT log's leadership lock (a pooled connection would keep the lock alive after
 * the sequencer gave it back). The same settings and defaults as the datasource
 * (wildfly-config/cli/datasource.cli), so both always reach the same database.
 */
public record DatabaseSettings(String url, String user, String password) {
    public static final Setting<String> URL = Setting.of("trustchain.db.url", "JDBC URL", "jdbc:postgresql://localhost:5432/trustchain",
            "jdbc:postgresql://localhost:5432/trustchain", "the PostgreSQL of the datasource and of the CT log's leadership lock", t -> t);
    public static final Setting<String> USER = Setting.text("trustchain.db.user", "trustchain", "its user");
    public static final Setting<String> PASSWORD = Setting.text("trustchain.db.password", "trustchain", "its password");

    static DatabaseSettings read(Settings s) {
        return new DatabaseSettings(s.get(URL), s.get(USER), s.get(PASSWORD));
    }

    /** Never the password in a log line. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + url + ", user " + user + "]";
    }
}
