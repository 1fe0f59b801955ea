package online.hypermesh.trustchain.ca.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.NameScope;

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
 */
public record AccountSettings(List<NameScope> deploymentScopes, List<NameScope.Dns> blockedNames, List<String> caNames,
                              int requestsPerMinute, List<String> caaIssuerDomains) {

    public static final Setting<List<NameScope>> DEFAULT_SCOPES = Setting.of("trustchain.accounts.default.scopes", "list of scopes", null,
            "dns:<zone>,uri:spiffe://<zone>/", "the names of the initial administrator and of accounts upgraded from earlier tokens",
            AccountSettings::scopes);
    public static final Setting<List<NameScope.Dns>> BLOCKED_NAMES = Setting.of("trustchain.ra.blocked.names", "list of DNS names", List.of(),
            "none", "names the CA never issues for, each with every name below it", AccountSettings::blocked);
    public static final Setting<Integer> RATE_PER_MINUTE = Setting.integer("trustchain.accounts.rate.per.minute", 1000, 1, 1_000_000,
            "authenticated requests per account and minute on each node; beyond it 429 with Retry-After");

    public static final Setting<List<String>> CAA_ISSUER_DOMAINS = Setting.of("trustchain.ra.caa.issuer.domains", "list of domain names",
            null, "the CA domain (trust.<zone>)", "the names that identify this CA in CAA issue/issuewild records (RFC 8659);"
            + " a name whose CAA records name none of them is refused", AccountSettings::issuerDomains);

    public AccountSettings {
        caaIssuerDomains = List.copyOf(caaIssuerDomains);
        deploymentScopes = List.copyOf(deploymentScopes);
        blockedNames = List.copyOf(blockedNames);
        caNames = List.copyOf(caNames);
    }

    static AccountSettings read(Settings s, DnsSettings dns) {
        String zone = dns.origin().toString(true).toLowerCase(Locale.ROOT);
        List<NameScope> defaults = List.of(NameScope.dns(zone, true, true), NameScope.uri("spiffe://" + zone + "/"));
        return new AccountSettings(s.get(DEFAULT_SCOPES, defaults), s.get(BLOCKED_NAMES), List.of(dns.caDomain(), "ns1." + zone),
                s.get(RATE_PER_MINUTE), s.get(CAA_ISSUER_DOMAINS, List.of(dns.caDomain())));
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
