package online.hypermesh.trustchain.bench.ct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A new, empty PostgreSQL database for one benchmark run, next to the one the admin URL names,
 * migrated with db/migrations exactly as the deployment does, behind a connection pool (the
 * deployment's data source pools too: opening a PostgreSQL session per call would cost more than
 * the work). {@link #close} drops it unless asked to keep it.
 */
final class BenchDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String name;
    private final boolean keep;
    private final HikariDataSource pool;

    BenchDatabase(String adminUrl, String user, String password, Path migrations, int poolSize, boolean keep) {
        if (!Files.isDirectory(migrations)) {
            throw new IllegalArgumentException("no migrations directory at " + migrations + "; pass --migrations <repo>/db/migrations");
        }
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.keep = keep;
        this.name = "ct_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(urlOf(adminUrl, name));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setPoolName("ct-bench");
        pool = new HikariDataSource(config);
        Flyway.configure().dataSource(pool).locations("filesystem:" + migrations.toAbsolutePath()).load().migrate();
    }

    DataSource dataSource() {
        return pool;
    }

    String name() {
        return name;
    }

    /** The JDBC URL of {@code database} on the server {@code adminUrl} names (same host, port and query). */
    static String urlOf(String adminUrl, String database) {
        int slash = adminUrl.lastIndexOf('/');
        if (!adminUrl.startsWith("jdbc:postgresql://") || slash < "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException("--db-url must look like jdbc:postgresql://host:port/database, was " + adminUrl);
        }
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + adminUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
        if (!keep) {
            execute("DROP DATABASE IF EXISTS " + name);
        }
    }
}
