package online.hypermesh.trustchain.ca.ct;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import online.hypermesh.trustchain.ca.config.DatabaseSettings;
import online.hypermesh.trustchain.ct.log.LockSessions;

/**
 * Physical PostgreSQL connections for the CT log's leadership lock, opened with the driver
 * itself and never taken from TrustChainDS: the pool would keep a connection (and so the lock)
 * alive after the sequencer gave it back. Connects with the same URL, user and password as the
 * datasource ({@link DatabaseSettings}, declared with the same names and defaults as
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

    /** With the datasource's URL, user and password ({@link DatabaseSettings}). */
    static DedicatedLockSessions to(DatabaseSettings database) {
        try {
            Class<?> type = Class.forName(DRIVER, true, DedicatedLockSessions.class.getClassLoader());
            return new DedicatedLockSessions((Driver) type.getDeclaredConstructor().newInstance(), database.url(), database.user(),
                    database.password());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the PostgreSQL driver (module org.postgresql) is not visible to the CT log;"
                    + " check jboss-deployment-structure.xml", e);
        }
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
