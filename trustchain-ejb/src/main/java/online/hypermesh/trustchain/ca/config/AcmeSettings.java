package online.hypermesh.trustchain.ca.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import online.hypermesh.trustchain.bridge.perspective.PerspectiveClient.Remote;

/**
 * The ACME server (/acme/ on the HTTPS listener): whether a new ACME account needs an external
 * account binding (closed by default: without one it has no TrustChain account and may order
 * nothing), where validation connects and which resolvers it asks, and the remote perspectives
 * that must corroborate each validation (none by default: one perspective, the CA's own).
 */
public record AcmeSettings(boolean eabRequired, int http01Port, int tlsAlpn01Port, List<InetSocketAddress> resolvers, Duration validationTimeout,
                           List<Remote> perspectives, Optional<Path> perspectiveSecretFile) {

    public static final Setting<Boolean> EAB_REQUIRED = Setting.flag("trustchain.acme.eab.required", true,
            "a new ACME account must have an external account binding (an EAB key from POST /api/v1/accounts/{name}/acme-eab)");
    public static final Setting<Integer> HTTP01_PORT = Setting.integer("trustchain.acme.http01.port", 80, 1, 65535,
            "the port http-01 validation connects to (RFC 8555 says 80; tests use an unprivileged one)");
    public static final Setting<Integer> TLS_ALPN01_PORT = Setting.integer("trustchain.acme.tlsalpn01.port", 443, 1, 65535,
            "the port tls-alpn-01 validation connects to (RFC 8737 says 443; tests use an unprivileged one)");
    public static final Setting<List<InetSocketAddress>> RESOLVERS = Setting.of("trustchain.acme.resolvers",
            "list of IP addresses with optional port", List.of(), "none",
            "DNS servers that names being validated are resolved through, asked afresh each time, e.g. [::1]:8053; none: the system resolver", UpstreamAddresses::parse);
    public static final Setting<Integer> VALIDATION_TIMEOUT_MS = Setting.integer("trustchain.acme.validation.timeout.ms", 10_000, 100, 60_000,
            "how long one validation's DNS query, connection or read may take, in ms");

    public static final Setting<List<Remote>> PERSPECTIVES = Setting.of("trustchain.acme.perspectives", "list of name=http://address:port",
            List.of(), "none", "remote validation perspectives (java -jar perspective/target/trustchain-perspective.jar) that must corroborate"
                    + " every challenge, CA/Browser Forum BR 3.2.2.9: of 2 to 5 at most one may fail", AcmeSettings::perspectives);
    public static final Setting<Path> PERSPECTIVE_SECRET_FILE = Setting.of("trustchain.acme.perspectives.secret.file", "path", null, "none",
            "with perspectives: the file holding the secret (16 bytes or more) shared with them, which MACs requests and replies",
            t -> Path.of(t).toAbsolutePath());

    public AcmeSettings {
        resolvers = List.copyOf(resolvers);
        perspectives = List.copyOf(perspectives);
    }

    static AcmeSettings read(Settings s) {
        List<Remote> perspectives = s.get(PERSPECTIVES);
        Optional<Path> secret = s.find(PERSPECTIVE_SECRET_FILE);
        if (!perspectives.isEmpty() && secret.isEmpty()) {
            s.reject(PERSPECTIVE_SECRET_FILE, "is not set, and " + PERSPECTIVES.name() + " needs it: the secret shared with the perspectives");
        }
        return new AcmeSettings(s.get(EAB_REQUIRED), s.get(HTTP01_PORT), s.get(TLS_ALPN01_PORT), s.get(RESOLVERS), Duration.ofMillis(s.get(VALIDATION_TIMEOUT_MS)),
                perspectives, secret);
    }

    /** {@code p1=http://[2001:db8::7]:9444,p2=...}: names unique, not "primary" (the CA's own), http or https. */
    static List<Remote> perspectives(String text) {
        List<Remote> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : text.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + e + "' is not name=http://address:port");
            }
            String name = e.substring(0, eq).trim();
            if (!name.matches("[A-Za-z0-9._-]{1,32}") || name.equals("primary") || !names.add(name)) {
                throw new IllegalArgumentException("'" + name + "': a perspective name is 1 to 32 letters, digits, '.', '_' or '-', unique, and not 'primary'");
            }
            URI uri;
            try {
                uri = URI.create(e.substring(eq + 1).trim());
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("'" + e + "': " + x.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("'" + e + "': the perspective's URL is http(s)://address:port");
            }
            out.add(new Remote(name, uri));
        }
        return List.copyOf(out);
    }
}
