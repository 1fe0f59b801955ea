package online.hypermesh.trustchain.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Turns command-line flags (with environment fallbacks) into a {@link BenchConfig}. Pure: reads no files. */
final class BenchArgs {

    static final String USAGE = String.join("\n",
            "Usage: trustchain-bench [options]",
            "  --url URL            server base URL (env TRUSTCHAIN_URL; default https://[::1]:8443)",
            "  --data-dir DIR       server data dir: root.pem and admin-token are taken from it (env TRUSTCHAIN_DATA_DIR)",
            "  --root-ca FILE       root CA PEM the server's TLS chain must lead to (env TRUSTCHAIN_ROOT_CA)",
            "  --token TOKEN        bearer token (env TRUSTCHAIN_TOKEN)",
            "  --token-file FILE    file holding the bearer token (env TRUSTCHAIN_TOKEN_FILE)",
            "  --concurrency N      requests in flight, closed loop (default 32)",
            "  --duration S         measured seconds (default 30)",
            "  --warmup S           unmeasured seconds before measuring (default 10)",
            "  --requests N         measure exactly N requests instead of --duration",
            "  --csrs N             CSRs generated up front and reused round-robin (default 2000)",
            "  --key TYPE           p256 (default), p384, rsa2048",
            "  --form FORM          json (default), pkcs10, or cfssl (a cfssl serve at --url, http or https:",
            "                       POST /api/v1/cfssl/sign {\"certificate_request\": PEM}, 200 + \"success\":true; no token)",
            "  --profile NAME       certificate profile (default server)",
            "  --validity-hours H   validity asked for in json form (default 24)",
            "  --http VERSION       1.1 (default; one pooled keep-alive connection per worker) or 2",
            "  --timeout S          per-request timeout (default 30)",
            "  --progress S         progress line interval (default 5)",
            "  --rate R             start at most R requests per second in all (default: no cap; the workers",
            "                       still wait for answers, so --concurrency must cover R x latency)",
            "  -h, --help           this text");

    private static final Set<String> FLAGS = Set.of(
            "url", "data-dir", "root-ca", "token", "token-file", "concurrency", "duration", "warmup",
            "requests", "csrs", "key", "form", "profile", "validity-hours", "http", "timeout", "progress", "rate");

    private BenchArgs() {
    }

    /** True when the arguments ask for the usage text. */
    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    static BenchConfig parse(String[] args, Map<String, String> env) throws UsageException {
        Map<String, String> flags = flags(args);

        RequestForm form = RequestForm.fromCli(flags.getOrDefault("form", "json"));
        boolean cfssl = form == RequestForm.CFSSL;
        URI baseUrl = url(firstOf(flags.get("url"), env.get("TRUSTCHAIN_URL"), "https://[::1]:8443"), cfssl);
        String dataDirName = firstOf(flags.get("data-dir"), env.get("TRUSTCHAIN_DATA_DIR"), null);
        Path dataDir = dataDirName == null ? null : Path.of(dataDirName);

        String rootName = firstOf(flags.get("root-ca"), env.get("TRUSTCHAIN_ROOT_CA"), null);
        Path rootCa = rootName != null ? Path.of(rootName) : dataDir != null ? dataDir.resolve("root.pem") : null;
        if (rootCa == null && !cfssl) {
            throw new UsageException("the server's root CA is needed: give --root-ca FILE or --data-dir DIR");
        }

        String token = null;
        Path tokenFile = null;
        if (flags.containsKey("token")) {
            token = flags.get("token");
        } else if (flags.containsKey("token-file")) {
            tokenFile = Path.of(flags.get("token-file"));
        } else if (env.get("TRUSTCHAIN_TOKEN") != null) {
            token = env.get("TRUSTCHAIN_TOKEN");
        } else if (env.get("TRUSTCHAIN_TOKEN_FILE") != null) {
            tokenFile = Path.of(env.get("TRUSTCHAIN_TOKEN_FILE"));
        } else if (dataDir != null) {
            tokenFile = dataDir.resolve("admin-token");
        } else if (cfssl) {
            token = "none";
        } else {
            throw new UsageException("a bearer token is needed: give --token, --token-file or --data-dir");
        }
        if (token != null && token.isBlank()) {
            throw new UsageException("--token is empty");
        }

        int concurrency = intFlag(flags, "concurrency", 32, 1);
        int duration = intFlag(flags, "duration", 30, 1);
        int warmup = intFlag(flags, "warmup", 10, 0);
        long requests = flags.containsKey("requests") ? longValue("requests", flags.get("requests"), 1) : 0;
        int csrs = intFlag(flags, "csrs", 2000, 1);
        KeyType key = KeyType.fromCli(flags.getOrDefault("key", "p256"));
        String profile = flags.getOrDefault("profile", "server");
        if (profile.isBlank()) {
            throw new UsageException("--profile is empty");
        }
        int validityHours = intFlag(flags, "validity-hours", 24, 1);
        HttpClient.Version http = httpVersion(flags.getOrDefault("http", "1.1"));
        int timeout = intFlag(flags, "timeout", 30, 1);
        int progress = intFlag(flags, "progress", 5, 1);
        int rate = flags.containsKey("rate") ? intFlag(flags, "rate", 0, 1) : 0;

        return new BenchConfig(baseUrl, rootCa, token, tokenFile, concurrency, duration, warmup, requests, csrs,
                key, form, profile, validityHours, http, timeout, progress, rate);
    }

    private static Map<String, String> flags(String[] args) throws UsageException {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (!FLAGS.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (flags.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        return flags;
    }

    private static String firstOf(String flag, String env, String fallback) {
        if (flag != null) {
            return flag;
        }
        return env != null && !env.isBlank() ? env : fallback;
    }

    private static URI url(String value, boolean plainAllowed) throws UsageException {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = new URI(trimmed);
            boolean schemeOk = "https".equalsIgnoreCase(uri.getScheme()) || plainAllowed && "http".equalsIgnoreCase(uri.getScheme());
            if (!schemeOk || uri.getHost() == null) {
                throw new UsageException("--url must be an https URL with a host (got '" + value + "')");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a URL: " + e.getMessage());
        }
    }

    private static HttpClient.Version httpVersion(String value) throws UsageException {
        switch (value) {
            case "1.1":
            case "http/1.1":
                return HttpClient.Version.HTTP_1_1;
            case "2":
            case "h2":
                return HttpClient.Version.HTTP_2;
            default:
                throw new UsageException("--http must be 1.1 or 2 (got '" + value + "')");
        }
    }

    private static int intFlag(Map<String, String> flags, String name, int fallback, int min) throws UsageException {
        String value = flags.get(name);
        if (value == null) {
            return fallback;
        }
        long parsed = longValue(name, value, min);
        if (parsed > Integer.MAX_VALUE) {
            throw new UsageException("--" + name + " is too large");
        }
        return (int) parsed;
    }

    private static long longValue(String name, String value, long min) throws UsageException {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number (got '" + value + "')");
        }
        if (parsed < min) {
            throw new UsageException("--" + name + " must be at least " + min);
        }
        return parsed;
    }
}
