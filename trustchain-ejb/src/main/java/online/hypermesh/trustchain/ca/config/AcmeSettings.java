package online.hypermesh.trustchain.ca.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The ACME server (/acme/ on the HTTPS listener): whether a new ACME account needs an external
 * account binding (closed by default: without one it has no TrustChain account and may order
 * nothing), and where http-01 and tls-alpn-01 validation connect and which resolvers they ask.
 */
public record AcmeSettings(boolean eabRequired, int http01Port, int tlsAlpn01Port, List<InetSocketAddress> resolvers, Duration validationTimeout) {

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

    public AcmeSettings {
        resolvers = List.copyOf(resolvers);
    }

    static AcmeSettings read(Settings s) {
        return new AcmeSettings(s.get(EAB_REQUIRED), s.get(HTTP01_PORT), s.get(TLS_ALPN01_PORT), s.get(RESOLVERS), Duration.ofMillis(s.get(VALIDATION_TIMEOUT_MS)));
    }
}
