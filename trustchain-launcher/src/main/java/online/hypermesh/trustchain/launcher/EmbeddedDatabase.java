package online.hypermesh.trustchain.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

/**
 * An embedded PostgreSQL (zonky binaries) on a persistent cluster directory, with the
 * {@value #DATABASE_NAME} database and role. Used by the launcher and by the Arquillian tests
 * when TRUSTCHAIN_DB_URL is not set.
 *
 * <pre>{@code
 * try (EmbeddedDatabase db = EmbeddedDatabase.start(Path.of("target/pg"))) {
 *     db.settings().url();  // jdbc:postgresql://127.0.0.1:<port>/trustchain
 * }
 * }</pre>
 *
 * Works as root too (see {@link PostgresPrivileges}). Authentication is "trust" on the loopback
 * interface (zonky's initdb), so the password is accepted but not checked.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String DATABASE_NAME = "trustchain";
    /** Same as the defaults of the WildFly datasource. */
    public static final String USER = "trustchain";
    public static final String PASSWORD = "trustchain";

    private static final String HOST = "127.0.0.1";
    /** Rotate the console log beyond this size so it never grows without bound. */
    private static final long MAX_LOG_BYTES = 10L * 1024 * 1024;

    private final EmbeddedPostgres postgres;
    private final Path cluster;
    private final Path log;
    private boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path cluster, Path log) {
        this.postgres = postgres;
        this.cluster = cluster;
        this.log = log;
    }

    /** Starts on any free port. */
    public static EmbeddedDatabase start(Path clusterDirectory) {
        return start(clusterDirectory, 0);
    }

    /**
     * Starts PostgreSQL on {@code clusterDirectory} (created and initialised if new, reused
     * otherwise) and ensures the database exists. Output goes to {@code <clusterDirectory>.log}.
     *
     * @param port a fixed port, or 0 for any free port
     * @throws LauncherException if PostgreSQL does not start; the message names the log file
     */
    public static EmbeddedDatabase start(Path clusterDirectory, int port) {
        return start(clusterDirectory, port, java.util.Map.of());
    }

    /** As above, with more server settings (names and values without spaces: they pass through pg_ctl's shell). */
    public static EmbeddedDatabase start(Path clusterDirectory, int port, java.util.Map<String, String> serverConfig) {
        Path cluster = clusterDirectory.toAbsolutePath().normalize();
        Path log = cluster.resolveSibling(cluster.getFileName() + ".log");
        PostgresPrivileges privileges = PostgresPrivileges.detect(System.getenv());
        requireInitialisedOrEmpty(cluster);
        LeftoverProcesses.clearPostmaster(cluster);
        privileges.prepareCluster(cluster);
        rotate(log);

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                // Our own shutdown hook decides the order (WildFly first); zonky's would race it.
                .setRegisterShutdownHook(false)
                .setPort(port)
                // Both loopbacks: clients that prefer IPv6 resolve "localhost" to ::1.
                .setServerConfig("listen_addresses", "127.0.0.1,::1")
                // zonky tunes for throwaway test databases (fsync off via -F, asynchronous
                // commit); this one holds a CA's certificates, so every commit must be durable.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        serverConfig.forEach(builder::setServerConfig);
        privileges.binaryResolver().ifPresent(builder::setPgBinaryResolver);
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new LauncherException("The embedded PostgreSQL did not start (" + e.getMessage() + ").",
                    "See " + log + ". Or use an external database: set TRUSTCHAIN_DB_URL.", e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, cluster, log);
        try {
            database.createDatabase();
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw new LauncherException("Cannot create the " + DATABASE_NAME + " database: " + e.getMessage(),
                    "See " + log + ".", e);
        }
        return database;
    }

    /** initdb needs an empty directory: a non-empty one without a config is a broken first start. */
    private static void requireInitialisedOrEmpty(Path cluster) {
        try {
            if (!Files.isDirectory(cluster) || Files.exists(cluster.resolve("postgresql.conf"))) {
                return;
            }
            try (var entries = Files.list(cluster)) {
                if (entries.anyMatch(p -> !p.getFileName().toString().equals("epg-lock"))) {
                    throw new LauncherException("The database directory " + cluster
                            + " is neither empty nor a PostgreSQL cluster (an interrupted first start?).",
                            "If it holds nothing you need, delete it and start again.");
                }
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + cluster + ": " + IoErrors.describe(e), null, e);
        }
    }

    private static void rotate(Path log) {
        try {
            if (Files.isRegularFile(log) && Files.size(log) > MAX_LOG_BYTES) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".old"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // keep appending to the old file
        }
    }

    /** Idempotent: a restart on an existing cluster finds the role and database in place. */
    private void createDatabase() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE_NAME)) {
                s.execute("CREATE DATABASE " + DATABASE_NAME + " OWNER " + USER + " ENCODING 'UTF8'");
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A connection as the cluster's superuser, for backups and their configuration. */
    public Connection superuser() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    /** The user the server runs as when the launcher dropped root for it (setpriv), else empty. */
    static java.util.Optional<UnixUser> serverUser() {
        return PostgresPrivileges.detect(System.getenv()).serverUser();
    }

    /** URL, user and password of the {@value #DATABASE_NAME} database. */
    public DatabaseSettings settings() {
        return new DatabaseSettings(jdbcUrl(), USER, PASSWORD);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + DATABASE_NAME;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path clusterDirectory() {
        return cluster;
    }

    public Path logFile() {
        return log;
    }

    /** Fast shutdown (pg_ctl -m fast): clean, and quick even with open connections. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            Console.error("Stopping PostgreSQL failed: " + e.getMessage() + " (see " + log + ")");
        }
    }

    @Override
    public String toString() {
        return "EmbeddedDatabase[" + Objects.toString(cluster) + ", port " + port() + "]";
    }
}
