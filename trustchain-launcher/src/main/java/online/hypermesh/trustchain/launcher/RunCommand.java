package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code run}: data directory, secrets, database, WildFly, readiness, then wait until Ctrl-C.
 * Start steps and {@link #stop()} share one monitor, so a Ctrl-C during a start step waits for
 * that step and then stops what it started; nothing is left running. Stop order: WildFly first
 * (it holds database connections), then the local witnesses, then PostgreSQL. While running, the
 * embedded PostgreSQL is supervised ({@link DatabaseSupervisor}): restarted when it dies, within a
 * budget, after which everything stops with a message saying why.
 */
final class RunCommand {
    /** Returned when a signal stopped the launcher: the shutdown hook owns the exit then. */
    static final int STOPPED_BY_SIGNAL = -1;
    private static final Duration WILDFLY_STOP_GRACE = Duration.ofSeconds(60);
    /** How often the embedded PostgreSQL is looked at, and how many restarts it gets. */
    static final Duration SUPERVISION_PERIOD = Duration.ofSeconds(1);
    static final int MAX_DATABASE_RESTARTS = 5;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    /** The CT log's listener (cli/ct.cli), shifted by the port offset like WildFly's. */
    private static final int CT_PORT = 6962;

    private final LauncherOptions options;
    private final Map<String, String> env;
    private final DataDirectory data;
    private final Endpoints endpoints;
    private final RunBackups backups;

    private InstanceLock lock;
    private EmbeddedDatabase database;
    private boolean databaseStarting;
    private WildFlyProcess wildfly;
    private DatabaseSupervisor supervisor;
    /** Set when the supervisor gave up on PostgreSQL: why the launcher stops. */
    private volatile String databaseFailure;
    private LocalWitnesses witnesses;
    private boolean stopping;
    private boolean started;

    RunCommand(LauncherOptions options, Map<String, String> env) {
        this.options = options;
        this.env = env;
        this.data = new DataDirectory(options.dataDir());
        this.endpoints = new Endpoints(options.portOffset());
        this.backups = new RunBackups(env, data);
    }

    /** @return the process exit code, or {@link #STOPPED_BY_SIGNAL} */
    int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "trustchain-stop"));
        try {
            return startAndWait();
        } catch (LauncherException e) {
            if (isStopping()) {
                return STOPPED_BY_SIGNAL; // a start step failed because Ctrl-C killed its child
            }
            Console.error(e.getMessage());
            if (e.hint() != null) {
                Console.info(e.hint());
            }
            stop();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return 1;
        }
    }

    private int startAndWait() throws InterruptedException {
        DatabaseSettings db;
        String keystorePassword;
        synchronized (this) {
            data.prepare();
            lock = InstanceLock.acquire(data.lockFile());
            Console.info("Data directory " + data.root());
            WildFlyBase.verifyHome(options.wildflyHome());
            WildFlyBase.verifyEar(options.ear());
            LeftoverProcesses.stopWildFly(data.wildflyPidFile(), data.wildflyBase());
            PortCheck.requireFree(endpoints.wildflyPorts());
            int witnessCount = LocalWitnesses.count(env);
            if (witnessCount > 0) {
                PortCheck.requireFree(LocalWitnesses.ports(witnessCount, options.portOffset()));
                witnesses = LocalWitnesses.prepare(witnessCount, data.root(), options.portOffset(),
                        Path.of(System.getProperty("java.home"), "bin", "java"), witnessJar(),
                        Commands.onPath("setsid").orElse(null));
            }
            if (!WildFlyEnvironment.operatorSuppliesSecret(env)) {
                SecretFile.ensureOperatorSecret(data.operatorSecret());
            }
            keystorePassword = read(SecretFile.ensureKeystorePassword(data.keystorePassword()));
            // Before the database: a problem here should not cost a PostgreSQL start and stop.
            WildFlyBase.prepare(options.wildflyHome(), data.wildflyBase(), options.ear());
        }
        db = options.externalDatabase().orElseGet(this::startEmbeddedDatabase);
        String dbDescription = describe(db);

        synchronized (this) {
            requireNotStopping();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            var command = WildFlyCommand.build(java, options.wildflyHome(), data.wildflyBase(), data.root(),
                    options.portOffset(), Commands.onPath("setsid").orElse(null), env);
            Console.info("Starting WildFly from " + options.wildflyHome() + " (console output: " + data.consoleLog() + ")");
            Map<String, String> additions = new java.util.LinkedHashMap<>(WildFlyEnvironment.additions(env, data, db, keystorePassword));
            if (witnesses != null) {
                additions.put("TRUSTCHAIN_CT_WITNESSES", witnesses.setting());
            }
            wildfly = WildFlyProcess.start(command, additions,
                    data.wildflyBase(), data.consoleLog(), data.wildflyPidFile());
            started = true;
        }

        Console.info("Waiting up to " + options.readyTimeout().toSeconds() + " s for " + endpoints.health());
        Path failedMarker = data.wildflyBase().resolve("deployments").resolve(WildFlyBase.EAR_NAME + ".failed");
        ReadinessProbe.Outcome outcome = new ReadinessProbe(data.rootPem(), endpoints.health(), failedMarker)
                .await(options.readyTimeout(), wildfly::isAlive);
        if (isStopping()) {
            return STOPPED_BY_SIGNAL;
        }
        switch (outcome) {
            case READY -> {
                if (witnesses != null) {
                    startWitnesses();
                }
                Banner.print(data, endpoints, dbDescription);
                backups.ready();
                superviseDatabase();
            }
            case DEPLOYMENT_FAILED -> {
                return fail("TrustChain failed to deploy: " + deploymentFailure(failedMarker) + "\n(" + failedMarker
                        + "; the whole story is in the log below)");
            }
            case SERVER_EXITED -> {
                return fail("WildFly exited during startup (exit code " + wildfly.exitCode() + ").");
            }
            default -> {
                return fail("TrustChain did not become ready within " + options.readyTimeout().toSeconds()
                        + " s: " + endpoints.health() + " did not answer 200 with a certificate from "
                        + data.rootPem() + ".");
            }
        }
        int exit = wildfly.waitFor();
        if (isStopping()) {
            return STOPPED_BY_SIGNAL;
        }
        if (databaseFailure != null) {
            return fail(databaseFailure);
        }
        return fail("WildFly stopped unexpectedly (exit code " + exit + ").");
    }

    /** Restarts the embedded PostgreSQL when it dies (an external database is its operator's to run). */
    private synchronized void superviseDatabase() {
        if (database == null || stopping) {
            return;
        }
        supervisor = new DatabaseSupervisor(new DatabaseSupervisor.Supervised() {
            @Override
            public boolean isAlive() {
                return currentDatabase().isRunning();
            }

            @Override
            public void restart() {
                restartEmbeddedDatabase();
            }

            @Override
            public String describe() {
                EmbeddedDatabase db = currentDatabase();
                return "port " + db.port() + ", cluster " + db.clusterDirectory();
            }
        }, new RestartBudget(MAX_DATABASE_RESTARTS, RESTART_WINDOW), this::giveUpOnDatabase, System::nanoTime);
        supervisor.start(SUPERVISION_PERIOD);
    }

    private synchronized EmbeddedDatabase currentDatabase() {
        return database;
    }

    /** Same cluster, same port (WildFly's datasource points there), same server settings. */
    private void restartEmbeddedDatabase() {
        synchronized (this) {
            requireNotStopping();
            int port = database.port();
            database.releaseAfterCrash();
            databaseStarting = true;
            try {
                database = EmbeddedDatabase.start(data.postgres(), port, backups.serverConfig());
            } finally {
                databaseStarting = false;
            }
            backups.databaseStarted(database);
        }
    }

    /** Stops WildFly; the main thread, waiting for it, then reports {@code message} and stops the rest. */
    private void giveUpOnDatabase(String message) {
        databaseFailure = message;
        WildFlyProcess w;
        synchronized (this) {
            w = wildfly;
        }
        if (w != null) {
            w.stop(WILDFLY_STOP_GRACE);
        }
    }

    private void startWitnesses() {
        synchronized (this) {
            requireNotStopping();
            URI logJson = URI.create("https://[::1]:" + (CT_PORT + options.portOffset()) + "/log.json");
            try {
                witnesses.start(logJson, PemTrust.sslContext(data.rootPem()));
            } catch (IOException | GeneralSecurityException e) {
                throw new LauncherException("Cannot trust " + data.rootPem() + " to read the log's key: " + e.getMessage(), null, e);
            }
            var w = witnesses.witnesses();
            Console.info("Witnesses: " + w.size() + " on 127.0.0.1:" + w.get(0).port() + "-" + w.get(w.size() - 1).port()
                    + " (state and logs in " + data.root().resolve("witnesses") + "); a checkpoint is confirmed with "
                    + (2 * w.size() / 3 + 1) + " cosignatures");
        }
    }

    /** witness/'s runnable jar, next to this launcher in the repository, or TRUSTCHAIN_WITNESS_JAR. */
    private Path witnessJar() {
        String override = LauncherSetting.WITNESS_JAR.in(env);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        return RepositoryLayout.current().root().resolve("witness").resolve("target").resolve("trustchain-witness.jar");
    }

    private DatabaseSettings startEmbeddedDatabase() {
        synchronized (this) {
            requireNotStopping();
            Console.info("Starting embedded PostgreSQL in " + data.postgres());
            databaseStarting = true;
            long t0 = System.nanoTime();
            database = EmbeddedDatabase.start(data.postgres(), options.databasePort(), backups.serverConfig());
            backups.databaseStarted(database);
            databaseStarting = false;
            started = true;
            Console.info("PostgreSQL ready on port " + database.port() + " ("
                    + Duration.ofNanos(System.nanoTime() - t0).toMillis() / 100 / 10.0 + " s)");
            return database.settings();
        }
    }

    private String describe(DatabaseSettings db) {
        return db.displayUrl() + " (" + (database != null ? "embedded" : "external") + ", user " + db.user() + ")";
    }

    /**
     * The root cause from the scanner's failure description (its last "Caused by"), which is what
     * an operator can act on, such as the list of bad settings; the whole chain is in server.log.
     */
    static String deploymentFailure(Path failedMarker) {
        try {
            return rootCause(Files.readString(failedMarker));
        } catch (IOException e) {
            return "(" + failedMarker + " cannot be read: " + e.getMessage() + ")";
        }
    }

    static String rootCause(String description) {
        String text = description.strip();
        int cause = text.lastIndexOf("Caused by: ");
        if (cause >= 0) {
            // The description is a quoted DMR string: drop the quoting (and the line breaks) that close it.
            text = text.substring(cause + "Caused by: ".length()).replaceAll("[\\\\\"}\\s]+$", "").replace("\\\"", "\"");
        }
        return text.length() > 4000 ? text.substring(0, 4000) + " ..." : text;
    }

    private int fail(String message) {
        Console.error(message);
        LogTail.print(Files.exists(data.serverLog()) ? data.serverLog() : data.consoleLog(), LogTail.DEFAULT_LINES);
        Console.info("Full logs: " + data.serverLog() + " and " + data.consoleLog());
        stop();
        return 1;
    }

    /** Idempotent; runs from the shutdown hook on Ctrl-C / SIGTERM, or from the main thread after a failure. */
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (supervisor != null) {
            supervisor.close(); // before PostgreSQL is stopped below, or it would be "restarted"
        }
        backups.close();
        if (wildfly != null) {
            Console.info("Stopping WildFly ...");
            wildfly.stop(WILDFLY_STOP_GRACE);
        }
        if (witnesses != null) {
            Console.info("Stopping the witnesses ...");
            witnesses.close();
        }
        if (database != null) {
            Console.info("Stopping PostgreSQL ...");
            database.close();
        } else if (databaseStarting) {
            // zonky failed half-way (e.g. Ctrl-C killed pg_ctl); a postmaster may still be up.
            LeftoverProcesses.clearPostmaster(data.postgres());
        }
        if (lock != null) {
            lock.close();
        }
        if (started) {
            Console.plain("TrustChain stopped");
        }
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private void requireNotStopping() {
        if (stopping) {
            throw new LauncherException("stopping", null);
        }
    }

    private static String read(Path secret) {
        try {
            return Files.readString(secret, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + secret + ": " + IoErrors.describe(e), null, e);
        }
    }
}
