package online.hypermesh.trustchain.ca.config;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.xbill.DNS.CAARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import online.hypermesh.trustchain.doq.forward.ForwarderConfig;
import online.hypermesh.trustchain.doq.zone.ZoneSettings;

/**
 * The DNS section: the zone, its listeners (both ports shifted by
 * {@code jboss.socket.binding.port-offset}, like WildFly's own), the names seeded on the very
 * first start and the forwarding of names outside the zone.
 */
public record DnsSettings(Name origin, String caDomain, InetSocketAddress dnsAddress, InetSocketAddress doqAddress,
                          List<String> seedNames, Inet6Address seedAddress, List<String> doqNames,
                          Optional<ForwarderConfig> forwarding, boolean doqRetry, List<CAARecord> caa) {

    public DnsSettings {
        caa = List.copyOf(caa);
    }

    public static final Setting<Name> ZONE = Setting.of("trustchain.dns.zone", "domain name", Name.fromConstantString("hypermesh.online."),
            "hypermesh.online.", "the zone origin", DnsSettings::origin);
    public static final Setting<String> CA_DOMAIN = Setting.of("trustchain.dns.ca.domain", "domain name", null, "trust.<zone>",
            "the issuer domain in CAA 0 issue (the CA's own host name in the zone, seeded as an AAAA record)", DnsSettings::caDomain);
    public static final Setting<Integer> PORT = Setting.integer("trustchain.dns.port", 8053, 1, 65535,
            "classic DNS, UDP and TCP (plus the port offset)");
    public static final Setting<Integer> DOQ_PORT = Setting.integer("trustchain.doq.port", 8853, 1, 65535,
            "DNS-over-QUIC, UDP (plus the port offset)");
    public static final Setting<String> BIND = Setting.text("trustchain.dns.bind", "::", "listen address of both DNS listeners");
    public static final Setting<List<String>> DOQ_NAMES = Setting.of("trustchain.doq.names", "list of DNS names", null,
            "<zone>,ns1.<zone>,trust.<zone>", "DNS names in the DoQ listener's certificate", DnsSettings::doqNames);
    public static final Setting<List<String>> SEED_NAMES = Setting.of("trustchain.dns.seed.names", "list of names in the zone",
            List.of("trust", "hypermesh", "caesar", "assets"), "trust,hypermesh,caesar,assets",
            "names given an AAAA record on the very first start", t -> Values.list(t, n -> n));
    public static final Setting<Inet6Address> SEED_ADDRESS = Setting.of("trustchain.dns.seed.address", "IPv6 address",
            HostNames.ipv6("::1"), "::1", "the address of those AAAA records", HostNames::ipv6);
    public static final Setting<List<InetSocketAddress>> UPSTREAMS = Setting.of("trustchain.dns.upstreams",
            "list of IP addresses with optional port", List.of(), "none",
            "resolvers that names outside the zone are forwarded to, e.g. [2001:db8::53]:53,127.0.0.1:53; none: REFUSED",
            UpstreamAddresses::parse);
    public static final Setting<Integer> UPSTREAM_TIMEOUT_MS = Setting.integer("trustchain.dns.upstream.timeout.ms", 2000, 50, 30_000,
            "how long one upstream may take, in ms");
    public static final Setting<Integer> CACHE_SIZE = Setting.integer("trustchain.dns.cache.size", 10_000, 1, 10_000_000,
            "forwarded answers kept at most");
    public static final Setting<Boolean> DOQ_RETRY = Setting.flag("trustchain.doq.retry", false,
            "validate DoQ client addresses with a QUIC Retry before each handshake (RFC 9000 8.1.2; one more round trip)");

    public static final Setting<List<ZoneCaaEntry>> CAA = Setting.of("trustchain.dns.caa", "list of CAA records", List.of(), "none",
            "CAA records the zone publishes besides the apex's, e.g. legacy 0 issue \"letsencrypt.org\" (records at @ replace the apex's);"
            + " the registration authority reads them too", ZoneCaaEntry::parse);

    static DnsSettings read(Settings s) {
        Name origin = s.get(ZONE);
        String zone = withoutDot(origin);
        String caDomain = s.get(CA_DOMAIN, "trust." + zone);
        int offset = s.portOffset();
        String bindHost = s.get(BIND);
        int dnsPort = shifted(s, PORT, offset);
        int doqPort = shifted(s, DOQ_PORT, offset);
        List<String> seeds = s.get(SEED_NAMES);
        for (String seed : seeds) {
            try {
                HostNames.relative(seed, zone);
            } catch (IllegalArgumentException e) {
                s.reject(SEED_NAMES, e.getMessage());
            }
        }
        Inet6Address seedAddress = s.get(SEED_ADDRESS);
        List<String> doqNames = s.get(DOQ_NAMES, List.of(zone, "ns1." + zone, "trust." + zone));
        return new DnsSettings(origin, caDomain, new InetSocketAddress(bindHost, dnsPort), new InetSocketAddress(bindHost, doqPort),
                List.copyOf(seeds), seedAddress, doqNames, forwarding(s), s.get(DOQ_RETRY), caa(s, origin, zone));
    }

    private static List<CAARecord> caa(Settings s, Name origin, String zone) {
        List<CAARecord> records = new java.util.ArrayList<>();
        for (ZoneCaaEntry entry : s.get(CAA)) {
            try {
                String relative = HostNames.relative(entry.name(), zone);
                Name owner = relative.equals("@") ? origin : Name.fromString(relative, origin);
                records.add(new CAARecord(owner, org.xbill.DNS.DClass.IN, 300, entry.flags(), entry.tag(), entry.value()));
            } catch (IllegalArgumentException | TextParseException e) {
                s.reject(CAA, "has '" + entry.name() + "': " + e.getMessage());
            }
        }
        return records;
    }

    /** Empty when no upstream is configured: then names outside the zone are refused. */
    private static Optional<ForwarderConfig> forwarding(Settings s) {
        List<InetSocketAddress> upstreams = s.get(UPSTREAMS);
        int timeoutMillis = s.get(UPSTREAM_TIMEOUT_MS);
        int cacheSize = s.get(CACHE_SIZE);
        if (upstreams.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ForwarderConfig(upstreams, Duration.ofMillis(timeoutMillis), cacheSize));
    }

    /** SOA, NS and CAA at the apex: {@code ns1.<zone>} is the name server, {@code hostmaster.<zone>} the contact. */
    public ZoneSettings zoneSettings() {
        try {
            return new ZoneSettings(origin, List.of(Name.fromString("ns1", origin)), Name.fromString("hostmaster", origin),
                    caDomain, 300, 60, caa);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Name origin(String value) {
        String text = value.toLowerCase(Locale.ROOT);
        String bare = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (!HostNames.isHostName(bare)) {
            throw new IllegalArgumentException("must be a domain name such as hypermesh.online., was '" + value + "'");
        }
        return Name.fromConstantString(bare + ".");
    }

    private static String caDomain(String value) {
        String domain = value.toLowerCase(Locale.ROOT);
        if (!HostNames.isHostName(domain)) {
            throw new IllegalArgumentException("must be a domain name such as trust.hypermesh.online, was '" + value + "'");
        }
        return domain;
    }

    private static List<String> doqNames(String value) {
        List<String> names = Values.list(value, n -> n.toLowerCase(Locale.ROOT)).stream().distinct().toList();
        if (names.isEmpty() || !names.stream().allMatch(HostNames::isHostName)) {
            throw new IllegalArgumentException("must list DNS names such as ns1.hypermesh.online, was " + names);
        }
        return names;
    }

    private static String withoutDot(Name name) {
        String text = name.toString();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static int shifted(Settings s, Setting<Integer> setting, int offset) {
        int port = s.get(setting) + offset;
        if (port > 65535) {
            s.reject(setting, "plus the port offset " + offset + " is " + port + ", beyond 65535");
            return setting.defaultValue();
        }
        return port;
    }
}
