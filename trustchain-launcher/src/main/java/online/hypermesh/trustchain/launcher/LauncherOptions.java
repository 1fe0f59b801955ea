package online.hypermesh.trustchain.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code run} needs, resolved from the command line, then the environment, then
 * defaults. Pure (no I/O) so the precedence rules are unit-tested.
 *
 * @param externalDatabase set when TRUSTCHAIN_DB_URL is given: then no embedded database starts
 * @param databasePort     port of the embedded database, 0 = any free port
 * @param portOffset       added to all WildFly ports (8443 becomes 8443 + offset)
 */
public record LauncherOptions(
        Path dataDir,
        Path wildflyHome,
        Path ear,
        Duration readyTimeout,
        int databasePort,
        int portOffset,
        Optional<DatabaseSettings> externalDatabase) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);

    public static final String USAGE = String.join("\n",
            "Usage: java -jar trustchain-launcher.jar run [--data-dir DIR] [--timeout SECONDS] [--db-port PORT]",
            "                                          [--port-offset N]",
            "",
            "Starts TrustChain: an embedded PostgreSQL (unless TRUSTCHAIN_DB_URL is set) and WildFly",
            "with the TrustChain EAR. Ctrl-C stops everything; data stays in the data directory.",
            "",
            "  --data-dir DIR     data directory (env TRUSTCHAIN_DATA_DIR, default ./data)",
            "  --timeout SECONDS  how long to wait for /health (env TRUSTCHAIN_READY_TIMEOUT, default 180)",
            "  --db-port PORT     port of the embedded PostgreSQL (env TRUSTCHAIN_DB_PORT, default: a free port)",
            "  --port-offset N    shift WildFly's ports (8443, 8080, 9990) by N (env TRUSTCHAIN_PORT_OFFSET, default 0)",
            "",
            "Environment: TRUSTCHAIN_DB_URL/_USER/_PASSWORD (external database), TRUSTCHAIN_WILDFLY_HOME,",
            "TRUSTCHAIN_EAR, TRUSTCHAIN_OPERATOR_SECRET or _SECRET_FILE, TRUSTCHAIN_WILDFLY_JAVA_OPTS;",
            "all TRUSTCHAIN_* variables are passed on to WildFly.");

    /**
     * @param args    the arguments after the {@code run} command
     * @param env     the process environment
     * @param repo    where the default WildFly home and EAR are
     * @param workDir base for a relative data directory
     */
    public static LauncherOptions parse(String[] args, Map<String, String> env, RepositoryLayout repo, Path workDir) {
        String dataDir = LauncherSetting.DATA_DIR.in(env);
        String timeout = LauncherSetting.READY_TIMEOUT.in(env);
        String dbPort = LauncherSetting.DB_PORT.in(env);
        String portOffset = LauncherSetting.PORT_OFFSET.in(env);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inlineValue = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--data-dir", "--timeout", "--db-port", "--port-offset" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (value.isBlank()) {
                        throw new UsageException(name + " needs a value");
                    }
                    switch (name) {
                        case "--data-dir" -> dataDir = value;
                        case "--timeout" -> timeout = value;
                        case "--db-port" -> dbPort = value;
                        default -> portOffset = value;
                    }
                }
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        return new LauncherOptions(
                workDir.resolve(blankToNull(dataDir) == null ? "data" : dataDir).toAbsolutePath().normalize(),
                pathOr(LauncherSetting.WILDFLY_HOME.in(env), repo.wildflyHome(), workDir),
                pathOr(LauncherSetting.EAR.in(env), repo.ear(), workDir),
                Duration.ofSeconds(positive("timeout", timeout, DEFAULT_READY_TIMEOUT.getSeconds())),
                port(dbPort),
                offset(portOffset),
                externalDatabase(env));
    }

    private static Optional<DatabaseSettings> externalDatabase(Map<String, String> env) {
        String url = blankToNull(LauncherSetting.DB_URL.in(env));
        if (url == null) {
            return Optional.empty();
        }
        // Same defaults as the WildFly datasource definition in wildfly-config/cli/datasource.cli.
        return Optional.of(new DatabaseSettings(url,
                LauncherSetting.DB_USER.orDefault(env),
                LauncherSetting.DB_PASSWORD.orDefault(env)));
    }

    private static Path pathOr(String value, Path fallback, Path workDir) {
        String v = blankToNull(value);
        return (v == null ? fallback : workDir.resolve(v)).toAbsolutePath().normalize();
    }

    private static long positive(String what, String value, long fallback) {
        if (blankToNull(value) == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(what + " must be a positive number of seconds: " + value);
    }

    private static int port(String value) {
        if (blankToNull(value) == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("not a port number: " + value);
    }

    private static int offset(String value) {
        int n = port(value);
        if (n > 65535 - 9990) {
            throw new UsageException("port offset too large: " + value);
        }
        return n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
