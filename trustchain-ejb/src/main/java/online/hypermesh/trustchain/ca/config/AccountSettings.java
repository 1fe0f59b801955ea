package online.hypermesh.trustchain.ca.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.NameScope;
import online.hypermesh.trustchain.core.x509.PermittedSubtrees;

/**
 * Accounts and the registration authority.
 *
 * @param deploymentScopes the names of this deployment, given to the initial administrator and to
 *        accounts upgraded from tokens of earlier versions
 * @param blockedNames DNS names the CA never issues for, each with every name below it
 * @param caNames the CA's own service names (the CA domain of {@link DnsSettings#CA_DOMAIN} and the
 *        zone's name server {@code ns1.<zone>}): refused unless an account has a DNS scope naming
 *        exactly that name, so a scope for the whole zone does not let anyone impersonate the CA
 * @param requestsPerMinute authenticated requests an account may make per minute on one node
 * @param caaIssuerDomains  the issuer domain names that identify this CA in CAA {@code issue} and {@code issuewild} records
 * @param nameConstraints   the permitted subtrees of every intermediate created from now on (bootstrap, rollover)
 * @param consoleSessionIdle how long a web console session lives without a request
 */
public record AccountSettings(List<NameScope> deploymentScopes, List<NameScope.Dns> blockedNames, List<String> caNames,
                              int requestsPerMinute, List<String> caaIssuerDomains, PermittedSubtrees nameConstraints,
                              Duration consoleSessionIdle) {

    public static final Setting<List<NameScope>> DEFAULT_SCOPES = Setting.of("trustchain.accounts.default.scopes", "list of scopes", null,
            "dns:<zone>,uri:spiffe://<zone>/", "the names of the initial administrator and of accounts upgraded from earlier tokens",
            AccountSettings::scopes);
    public static final Setting<List<NameScope.Dns>> BLOCKED_NAMES = Setting.of("trustchain.ra.blocked.names", "list of DNS names", List.of(),
            "none", "names the CA never issues for, each with every name below it", AccountSettings::blocked);
    public static final Setting<Integer> RATE_PER_MINUTE = Setting.integer("trustchain.accounts.rate.per.minute", 1000, 1, 1_000_000,
            "authenticated requests per account and minute on each node; beyond it 429 with Retry-After");

    public static final Setting<Integer> CONSOLE_SESSION_IDLE_MINUTES = Setting.integer("trustchain.console.session.idle.minutes", 15, 1, 480,
            "minutes a web console session (/admin/) lives without a request; then the officer signs in again");

    public static final Setting<List<String>> CAA_ISSUER_DOMAINS = Setting.of("trustchain.ra.caa.issuer.domains", "list of domain names",
            null, "the CA domain (trust.<zone>)", "the names that identify this CA in CAA issue/issuewild records (RFC 8659);"
            + " a name whose CAA records name none of them is refused", AccountSettings::issuerDomains);

    public static final Setting<PermittedSubtrees> NAME_CONSTRAINTS = Setting.of("trustchain.ca.name.constraints", "list of subtrees", null,
            "dns:<zone>,uri:<zone> and the HTTPS and DoQ listeners' names outside the zone",
            "the permitted subtrees (RFC 5280 4.2.1.10) in every intermediate created from now on: dns:<name>, ip:<prefix>/<length>,"
            + " uri:<host> (.<host> for the hosts below it); none: no name constraints", AccountSettings::subtrees);

    public AccountSettings {
        caaIssuerDomains = List.copyOf(caaIssuerDomains);
        deploymentScopes = List.copyOf(deploymentScopes);
        blockedNames = List.copyOf(blockedNames);
        caNames = List.copyOf(caNames);
    }

    static AccountSettings read(Settings s, DnsSettings dns, TlsSettings tls) {
        String zone = dns.origin().toString(true).toLowerCase(Locale.ROOT);
        List<NameScope> defaults = List.of(NameScope.dns(zone, true, true), NameScope.uri("spiffe://" + zone + "/"));
        return new AccountSettings(s.get(DEFAULT_SCOPES, defaults), s.get(BLOCKED_NAMES), List.of(dns.caDomain(), "ns1." + zone),
                s.get(RATE_PER_MINUTE), s.get(CAA_ISSUER_DOMAINS, List.of(dns.caDomain())),
                s.get(NAME_CONSTRAINTS, defaultSubtrees(zone, dns, tls)), Duration.ofMinutes(s.get(CONSOLE_SESSION_IDLE_MINUTES)));
    }

    /**
     * The zone and its SPIFFE trust domain, plus every DNS name the CA's own listeners carry outside
     * the zone (localhost, the host name): their certificates come from these intermediates too, and
     * a relying party would refuse them otherwise. IP addresses stay unconstrained unless configured.
     */
    private static PermittedSubtrees defaultSubtrees(String zone, DnsSettings dns, TlsSettings tls) {
        List<String> names = new ArrayList<>(List.of(zone));
        List<String> listeners = new ArrayList<>(tls.names());
        listeners.addAll(dns.doqNames());
        for (String name : listeners) {
            String n = name.toLowerCase(Locale.ROOT);
            boolean inZone = n.equals(zone) || n.endsWith("." + zone);
            if (!inZone && HostNames.isHostName(n) && !n.matches("[0-9.]+")) {
                names.add(n);
            }
        }
        return new PermittedSubtrees(names, List.of(), List.of(zone));
    }

    static PermittedSubtrees subtrees(String text) {
        if (text.trim().equalsIgnoreCase("none")) {
            return PermittedSubtrees.none();
        }
        List<String> dns = new ArrayList<>();
        List<NameScope.Ip> ips = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (String item : Values.list(text, e -> e)) {
            int colon = item.indexOf(':');
            String kind = colon < 0 ? "" : item.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = item.substring(colon + 1).trim();
            try {
                switch (kind) {
                    case "dns" -> dns.add(NameScope.dns(value, true, false).value());
                    case "ip" -> ips.add(NameScope.ip(value));
                    case "uri" -> {
                        String host = value.startsWith(".") ? value.substring(1) : value;
                        if (!HostNames.isHostName(host.toLowerCase(Locale.ROOT))) {
                            throw new IllegalArgumentException("has '" + item + "'; a URI subtree is a host such as hypermesh.online");
                        }
                        uris.add(value);
                    }
                    default -> throw new IllegalArgumentException("has '" + item + "'; write dns:<name>, ip:<prefix>/<length> or uri:<host>");
                }
            } catch (TrustChainException e) {
                throw new IllegalArgumentException("has '" + item + "': " + e.detail(), e);
            }
        }
        try {
            return new PermittedSubtrees(dns, ips, uris);
        } catch (TrustChainException e) {
            throw new IllegalArgumentException(e.detail(), e);
        }
    }

    static List<String> issuerDomains(String text) {
        List<String> domains = Values.list(text, d -> d.toLowerCase(Locale.ROOT)).stream().distinct().toList();
        if (domains.isEmpty() || !domains.stream().allMatch(HostNames::isHostName)) {
            throw new IllegalArgumentException("must list domain names such as trust.hypermesh.online, was '" + text + "'");
        }
        return domains;
    }

    /** {@code dns:<name>} (the name, every name below it, and wildcards over them), {@code ip:<prefix>/<length>}, {@code uri:<prefix>}. */
    static List<NameScope> scopes(String text) {
        List<NameScope> out = new ArrayList<>();
        for (String item : Values.list(text, e -> e)) {
            int colon = item.indexOf(':');
            String kind = colon < 0 ? "" : item.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!Arrays.asList("dns", "ip", "uri").contains(kind)) {
                throw new IllegalArgumentException("has '" + item + "'; write dns:<name>, ip:<prefix>/<length> or uri:<prefix>");
            }
            String value = item.substring(colon + 1);
            try {
                out.add(switch (kind) {
                    case "dns" -> NameScope.dns(value, true, true);
                    case "ip" -> NameScope.ip(value);
                    default -> NameScope.uri(value);
                });
            } catch (TrustChainException e) {
                throw new IllegalArgumentException("has '" + item + "': " + e.detail(), e);
            }
        }
        return out;
    }

    static List<NameScope.Dns> blocked(String text) {
        List<NameScope.Dns> out = new ArrayList<>();
        for (String item : Values.list(text, e -> e)) {
            try {
                out.add(NameScope.dns(item, true, true));
            } catch (TrustChainException e) {
                throw new IllegalArgumentException("has '" + item + "': " + e.detail(), e);
            }
        }
        return out;
    }
}
