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
            throw new LauncherException("The embedded PostgreSQL did not start (" + (e.getMessage() != null ? e.getMessage() : e) + ").",
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

    /**
     * Whether the postmaster of this cluster still runs: its postmaster.pid names a live process
     * that is not a zombie (a killed postmaster whose parent has not reaped it yet is gone).
     */
    public boolean isRunning() {
        return RunningPostmaster.on(cluster).filter(p -> !isZombie(p.pid())).isPresent();
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the state follows the last ')' (comm may itself contain parentheses).
            String rest = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return rest.startsWith("Z") || rest.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (not Linux): the process table's word stands
        }
    }

    /**
     * After the postmaster died: forgets its pid file (its pid may already belong to another
     * program, which pg_ctl must not signal) and releases this instance, so the cluster can be
     * started again in this JVM.
     */
    public synchronized void releaseAfterCrash() {
        awaitOrphanedBackends(Duration.ofSeconds(30));
        clearSocketLock();
        LeftoverProcesses.clearPostmaster(cluster);
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close(); // pg_ctl stop finds nothing to stop; this releases zonky's lock on the cluster
        } catch (IOException e) {
            // nothing ran any more
        }
    }

    /**
     * A killed postmaster's backends notice its death and exit within moments; until they have,
     * they may still hold shared memory, and the cluster must not be started again. Backends run
     * with the cluster as working directory, which is how they are recognised (Linux /proc; elsewhere
     * there is nothing to wait for, PostgreSQL's own shared-memory check then refuses a premature start).
     */
    private void awaitOrphanedBackends(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && !backendsIn(cluster).isEmpty()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The socket's lock file ({@code <socket dir>/.s.PGSQL.<port>.lock}) names the dead postmaster;
     * PostgreSQL removes a stale one itself unless that pid still "exists", which an unreaped zombie
     * does. Removed only when it names the postmaster of this cluster, which is gone.
     */
    private void clearSocketLock() {
        try {
            java.util.List<String> pidFile = Files.readAllLines(cluster.resolve("postmaster.pid"));
            String pid = pidFile.get(0).trim();
            String port = pidFile.get(3).trim();
            String socketDir = pidFile.get(4).trim();
            if (socketDir.isEmpty() || RunningPostmaster.on(cluster).filter(p -> !isZombie(p.pid())).isPresent()) {
                return;
            }
            Path lock = Path.of(socketDir, ".s.PGSQL." + port + ".lock");
            if (Files.isRegularFile(lock) && Files.readAllLines(lock).get(0).trim().equals(pid)) {
                Files.deleteIfExists(lock);
                Files.deleteIfExists(Path.of(socketDir, ".s.PGSQL." + port));
            }
        } catch (IOException | RuntimeException e) {
            // no pid file or no socket: nothing stale to clear
        }
    }

    static java.util.List<Long> backendsIn(Path cluster) {
        java.util.List<Long> found = new java.util.ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"));
                if (cwd.equals(cluster) && !isZombie(p.pid())) {
                    found.add(p.pid());
                }
            } catch (IOException | RuntimeException e) {
                // not ours to look at, or gone meanwhile
            }
        });
        return found;
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
