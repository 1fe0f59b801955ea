package online.hypermesh.trustchain.ca.config;

/**
 * The PostgreSQL the node uses, as WildFly's datasource reads it (wildfly-config/cli/datasource.cli,
 * same names and defaults), for code that needs a connection of its own outside the pool, such as
 * a session that must outlive any pooled connection.
 */
public record DatabaseSettings(String url, String user, String password) {

    public static final Setting<String> URL = Setting.of("trustchain.db.url", "JDBC URL", "jdbc:postgresql://localhost:5432/trustchain",
            "jdbc:postgresql://localhost:5432/trustchain", "the PostgreSQL database", t -> {
                if (!t.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), was '" + t + "'");
                }
                return t;
            });
    public static final Setting<String> USER = Setting.text("trustchain.db.user", "trustchain", "its user");
    public static final Setting<String> PASSWORD = Setting.of("trustchain.db.password", "text", "trustchain", "trustchain", "its password",
            t -> t).secretValue();

    static DatabaseSettings read(Settings s) {
        return new DatabaseSettings(s.get(URL), s.get(USER), s.get(PASSWORD));
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=(hidden)]";
    }
}
