package online.hypermesh.trustchain.witness.client;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import online.hypermesh.trustchain.launcher.EmbeddedDatabase;

/**
 * A real PostgreSQL for the store tests: TRUSTCHAIN_DB_URL when set (CI's server), else one
 * embedded server per test JVM. Each call to {@link #freshDatabase()} creates a new, empty
 * database and applies db/migrations with Flyway, exactly as the deployment does, so tests never
 * share rows.
 */
final class TestDatabase {
    private static Server server;

    private TestDatabase() {
    }

    public static synchronized DataSource freshDatabase() {
        Server s = server();
        String name = "witness_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(s.adminUrl, s.user, s.password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(s.urlOf(name));
        ds.setUser(s.user);
        ds.setPassword(s.password);
        String migrations = System.getProperty("trustchain.migrations", "../db/migrations");
        Flyway.configure().dataSource(ds).locations("filesystem:" + Path.of(migrations).toAbsolutePath()).load().migrate();
        return ds;
    }

    private static Server server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv("TRUSTCHAIN_DB_URL");
        if (url != null && !url.isBlank()) {
            server = new Server(url, env("TRUSTCHAIN_DB_USER", "postgres"), env("TRUSTCHAIN_DB_PASSWORD", "trustchain"));
        } else {
            Path cluster = Path.of("target", "witness-test-postgres-" + ProcessHandle.current().pid()).toAbsolutePath();
            EmbeddedDatabase db = EmbeddedDatabase.start(cluster);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                db.close();
                deleteTree(cluster);
            }));
            server = new Server(db.jdbcUrl(), "postgres", db.password());
        }
        return server;
    }

    private static void deleteTree(Path root) {
        try (var paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // left for mvn clean
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A server; databases are created next to the one the URL names. */
    private static final class Server {
        final String adminUrl;
        final String user;
        final String password;

        Server(String adminUrl, String user, String password) {
            this.adminUrl = adminUrl;
            this.user = user;
            this.password = password;
        }

        String urlOf(String database) {
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }
    }
}
