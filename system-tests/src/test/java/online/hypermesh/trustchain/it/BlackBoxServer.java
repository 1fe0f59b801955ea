package online.hypermesh.trustchain.it;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One TrustChain per black-box test class, started the README way in a fresh work directory
 * before the class and stopped after it. Register with
 * {@code @RegisterExtension static final BlackBoxServer TC = new BlackBoxServer("name", offset)}.
 *
 * <p>With {@code -Dtrustchain.it.crypto.token=pkcs11} every key of the server is in a SoftHSM2
 * token of its own instead of the software token (the test's own settings still win), and the work
 * directory is {@code <name>-pkcs11}: the build runs the issuance, CRL, OCSP and CT classes once
 * each way (the {@code pkcs11-token} execution of system-tests), so neither token can rot.
 */
final class BlackBoxServer implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private final int portOffset;
    private final Path work;
    private final Path data;
    private java.util.Map<String, String> settings;
    private RunningTrustChain server;
    private static final boolean PKCS11 = "pkcs11".equals(System.getProperty("trustchain.it.crypto.token", "software"));

    BlackBoxServer(String name, int portOffset) {
        this(name, portOffset, java.util.Map.of());
    }

    /** With {@code TRUSTCHAIN_*} settings of the test's deployment. */
    BlackBoxServer(String name, int portOffset, java.util.Map<String, String> settings) {
        name = PKCS11 ? name + "-pkcs11" : name;
        this.name = name;
        this.portOffset = portOffset;
        this.settings = java.util.Map.copyOf(settings);
        this.work = Path.of(System.getProperty("trustchain.it.work", "target/it")).toAbsolutePath().resolve(name);
        this.data = work.resolve("data");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RunningTrustChain.freshWorkDirectory(name);
        if (PKCS11) {
            java.util.Map<String, String> all = new java.util.HashMap<>(SoftHsmToken.initialize(work.resolve("softhsm")).settings());
            all.putAll(settings);
            settings = java.util.Map.copyOf(all);
        }
        server = RunningTrustChain.start(data, portOffset, settings);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The initial administrator's names in tests that issue for IP addresses: the mesh zone, its
     * SPIFFE trust domain and the documentation prefixes (RFC 3849, RFC 5737) as the mesh's own.
     */
    static java.util.Map<String, String> withDocumentationPrefixes() {
        return java.util.Map.of("TRUSTCHAIN_ACCOUNTS_DEFAULT_SCOPES",
                "dns:hypermesh.online,uri:spiffe://hypermesh.online/,ip:2001:db8::/32,ip:192.0.2.0/24");
    }

    /** Where the test keeps its files (keys, CSRs, downloads). */
    Path work() {
        return work;
    }

    /** The server's data directory. */
    Path data() {
        return data;
    }

    RunningTrustChain server() {
        return server;
    }

    /** Starts the server again on the same data (after {@code server().stop()}). */
    void startAgain() throws Exception {
        server = RunningTrustChain.start(data, portOffset, settings);
    }

    /** Starts the server again on the same data with other settings from now on (a deployment reconfigured). */
    void startAgain(java.util.Map<String, String> newSettings) throws Exception {
        settings = java.util.Map.copyOf(newSettings);
        startAgain();
    }

    /**
     * Starts the server again on the same data without waiting for it: the future completes once
     * it is ready (a start that waits for something the test provides meanwhile, as an HSM).
     */
    java.util.concurrent.CompletableFuture<Void> startAgainInBackground() {
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                server = RunningTrustChain.start(data, portOffset, settings);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** One number from the embedded database, read the way an operator would with psql. */
    long count(String sql) throws Exception {
        return Long.parseLong(text(sql));
    }

    /** One value (the first column of the first row, as text) from the embedded database, read the way an operator would with psql. */
    String text(String sql) throws Exception {
        java.util.List<String> pid = java.nio.file.Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/" + online.hypermesh.trustchain.launcher.EmbeddedDatabase.DATABASE_NAME;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, online.hypermesh.trustchain.launcher.EmbeddedDatabase.USER,
                online.hypermesh.trustchain.launcher.EmbeddedDatabase.PASSWORD);
             java.sql.PreparedStatement s = c.prepareStatement(sql); java.sql.ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new AssertionError("no row: " + sql);
            }
            return r.getString(1);
        }
    }

    /**
     * Runs statements in the embedded database as {@code user} ("trustchain", the application's
     * role, or "postgres", the cluster's superuser, as an operator with shell access could).
     */
    void execute(String user, String... statements) throws Exception {
        java.util.List<String> pid = java.nio.file.Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/" + online.hypermesh.trustchain.launcher.EmbeddedDatabase.DATABASE_NAME;
        String password = user.equals(online.hypermesh.trustchain.launcher.EmbeddedDatabase.USER)
                ? online.hypermesh.trustchain.launcher.EmbeddedDatabase.PASSWORD : "";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password); java.sql.Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    String token() {
        return Commands.adminToken(data);
    }

    Commands.Result curl(String... args) {
        return Commands.curl(work, data, args);
    }
}
