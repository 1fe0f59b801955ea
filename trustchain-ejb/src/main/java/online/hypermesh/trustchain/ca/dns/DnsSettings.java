package online.hypermesh.trustchain.ca.dns;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import online.hypermesh.trustchain.ca.config.Settings;
import online.hypermesh.trustchain.doq.forward.ForwarderConfig;
import online.hypermesh.trustchain.doq.zone.ZoneSettings;

/**
 * The DNS settings, read and validated once (a bad value stops deployment with its name).
 *
 * <ul>
 * <li>{@code trustchain.dns.zone}: the zone origin, default {@code hypermesh.online.}</li>
 * <li>{@code trustchain.dns.ca.domain}: the issuer domain in {@code CAA 0 issue}, default
 *     {@code trust.<zone>} (the CA's own host name in the zone, seeded as an AAAA record)</li>
 * <li>{@code trustchain.dns.port}: classic DNS, UDP and TCP, default 8053</li>
 * <li>{@code trustchain.doq.port}: DNS-over-QUIC (UDP), default 8853</li>
 * <li>{@code trustchain.dns.bind}: listen address, default {@code ::}</li>
 * <li>{@code trustchain.doq.names}: DNS names in the DoQ listener's certificate, default the zone apex,
 *     {@code ns1.<zone>} and {@code trust.<zone>}</li>
 * <li>{@code trustchain.dns.seed.names} / {@code trustchain.dns.seed.address}: names given an AAAA
 *     record on the very first start, default {@code trust,hypermesh,caesar,assets} at {@code ::1}</li>
 * <li>{@code trustchain.dns.upstreams}: resolvers that names outside the zone are forwarded to, IP
 *     literals with optional port, e.g. {@code [2001:db8::53]:53,127.0.0.1:53}; default none (REFUSED)</li>
 * <li>{@code trustchain.dns.upstream.timeout.ms}: how long one upstream may take, default 2000</li>
 * <li>{@code trustchain.dns.cache.size}: forwarded answers kept at most, default 10000</li>
 * <li>{@code trustchain.doq.retry}: {@code true} makes the DoQ listener validate client addresses with a
 *     QUIC Retry before each handshake (RFC 9000 8.1.2; one more round trip), default {@code false}</li>
 * </ul>
 * Both ports are shifted by {@code jboss.socket.binding.port-offset}, like WildFly's own ports.
 */
public record DnsSettings(Name origin, String caDomain, InetSocketAddress dnsAddress, InetSocketAddress doqAddress,
                          List<String> seedNames, Inet6Address seedAddress, List<String> doqNames,
                          Optional<ForwarderConfig> forwarding, boolean doqRetry) {

    public static DnsSettings from(Settings s) {
        Name origin = origin(s.get("trustchain.dns.zone", "hypermesh.online."));
        String caDomain = s.get("trustchain.dns.ca.domain", "trust." + DnsNames.withoutDot(origin)).toLowerCase(Locale.ROOT);
        if (!DnsNames.isHostName(caDomain)) {
            throw Settings.invalid("trustchain.dns.ca.domain", "must be a domain name such as trust.hypermesh.online, was '" + caDomain + "'");
        }
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        String bindHost = s.get("trustchain.dns.bind", "::");
        int dnsPort = shifted(s, "trustchain.dns.port", 8053, offset);
        int doqPort = shifted(s, "trustchain.doq.port", 8853, offset);
        List<String> seeds = Arrays.stream(s.get("trustchain.dns.seed.names", "trust,hypermesh,caesar,assets").split(","))
                .map(String::trim).filter(n -> !n.isEmpty()).toList();
        for (String seed : seeds) {
            try {
                DnsNames.relative(seed, origin);
            } catch (IllegalArgumentException e) {
                throw Settings.invalid("trustchain.dns.seed.names", e.getMessage());
            }
        }
        Inet6Address seedAddress;
        try {
            seedAddress = DnsNames.ipv6(s.get("trustchain.dns.seed.address", "::1"));
        } catch (IllegalArgumentException e) {
            throw Settings.invalid("trustchain.dns.seed.address", e.getMessage());
        }
        String zone = DnsNames.withoutDot(origin);
        List<String> doqNames = Arrays.stream(s.get("trustchain.doq.names", zone + ",ns1." + zone + ",trust." + zone).split(","))
                .map(n -> n.trim().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty()).distinct().toList();
        if (doqNames.isEmpty() || !doqNames.stream().allMatch(DnsNames::isHostName)) {
            throw Settings.invalid("trustchain.doq.names", "must list DNS names such as ns1." + zone + ", was " + doqNames);
        }
        return new DnsSettings(origin, caDomain, new InetSocketAddress(bindHost, dnsPort), new InetSocketAddress(bindHost, doqPort),
                List.copyOf(seeds), seedAddress, doqNames, forwarding(s), doqRetry(s));
    }

    static boolean doqRetry(Settings s) {
        String value = s.get("trustchain.doq.retry", "false").toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw Settings.invalid("trustchain.doq.retry", "must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** Empty when no upstream is configured: then names outside the zone are refused. */
    static Optional<ForwarderConfig> forwarding(Settings s) {
        List<InetSocketAddress> upstreams;
        try {
            upstreams = UpstreamAddresses.parse(s.get("trustchain.dns.upstreams", ""));
        } catch (IllegalArgumentException e) {
            throw Settings.invalid("trustchain.dns.upstreams", e.getMessage());
        }
        int timeoutMillis = s.getInt("trustchain.dns.upstream.timeout.ms", 2000, 50, 30_000);
        int cacheSize = s.getInt("trustchain.dns.cache.size", 10_000, 1, 10_000_000);
        if (upstreams.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ForwarderConfig(upstreams, Duration.ofMillis(timeoutMillis), cacheSize));
    }

    /** SOA, NS and CAA at the apex: {@code ns1.<zone>} is the name server, {@code hostmaster.<zone>} the contact. */
    public ZoneSettings zoneSettings() {
        try {
            return new ZoneSettings(origin, List.of(Name.fromString("ns1", origin)), Name.fromString("hostmaster", origin),
                    caDomain, 300, 60);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Name origin(String value) {
        String text = value.toLowerCase(Locale.ROOT);
        String bare = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (!DnsNames.isHostName(bare)) {
            throw Settings.invalid("trustchain.dns.zone", "must be a domain name such as hypermesh.online., was '" + value + "'");
        }
        return Name.fromConstantString(bare + ".");
    }

    private static int shifted(Settings s, String name, int defaultPort, int offset) {
        int port = s.getInt(name, defaultPort, 1, 65535) + offset;
        if (port > 65535) {
            throw Settings.invalid(name, "plus the port offset " + offset + " is " + port + ", beyond 65535");
        }
        return port;
    }
}
