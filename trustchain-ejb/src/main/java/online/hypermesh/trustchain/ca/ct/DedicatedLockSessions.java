package online.hypermesh.trustchain.ca.ct;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;

import online.hypermesh.trustchain.ct.log.LockSessions;

/**
 * Physical PostgreSQL connections for the CT log's leadership lock, opened with the driver
 * itself and never taken from TrustChainDS: the pool would keep a connection (and so the lock)
 * alive after the sequencer gave it back. Connects with the same URL, user and password as the
 * datasource, resolved the same way (system property, then environment, then default; see
 * wildfly-config/cli/datasource.cli). The session is named {@value #APPLICATION_NAME} in
 * pg_stat_activity, so an operator can see (or terminate) the leader's session.
 */
final class DedicatedLockSessions implements LockSessions {
    static final String APPLICATION_NAME = "trustchain-ct-leader";
    private static final String DRIVER = "org.postgresql.Driver";

    private final Driver driver;
    private final String url;
    private final Properties properties = new Properties();

    private DedicatedLockSessions(Driver driver, String url, String user, String password) {
        this.driver = driver;
        this.url = url;
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        // A dead host or network must fail the campaign quickly, not hang the sequencer.
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
    }

    /** Resolved as the datasource resolves them; {@code env} is System::getenv outside tests. */
    static DedicatedLockSessions fromSettings(Function<String, String> env) {
        String url = setting("trustchain.db.url", "TRUSTCHAIN_DB_URL", "jdbc:postgresql://localhost:5432/trustchain", env);
        String user = setting("trustchain.db.user", "TRUSTCHAIN_DB_USER", "trustchain", env);
        String password = setting("trustchain.db.password", "TRUSTCHAIN_DB_PASSWORD", "trustchain", env);
        try {
            Class<?> type = Class.forName(DRIVER, true, DedicatedLockSessions.class.getClassLoader());
            return new DedicatedLockSessions((Driver) type.getDeclaredConstructor().newInstance(), url, user, password);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the PostgreSQL driver (module org.postgresql) is not visible to the CT log;"
                    + " check jboss-deployment-structure.xml", e);
        }
    }

    private static String setting(String property, String variable, String fallback, Function<String, String> env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = env.apply(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public Connection open() throws SQLException {
        Connection c = driver.connect(url, properties);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept the URL " + url, "08001");
        }
        return c;
    }
}
