package online.hypermesh.trustchain.ca.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.NameScope;

/**
 * Settings of accounts, validated at start-up.
 *
 * @param deploymentScopes trustchain.accounts.default.scopes: the names of this deployment, given
 *        to the initial administrator and to accounts upgraded from tokens of earlier versions.
 *        Comma-separated {@code dns:<name>} (the name, every name below it, and wildcards over
 *        them), {@code ip:<prefix>/<length>}, {@code uri:<prefix>}. Default: the mesh zone
 *        ({@code trustchain.dns.zone}) and its SPIFFE trust domain, {@code dns:hypermesh.online,
 *        uri:spiffe://hypermesh.online/}.
 * @param blockedNames trustchain.ra.blocked.names: DNS names the CA never issues for, each with
 *        every name below it, whatever an account's scopes say (comma-separated; default none).
 * @param caNames the CA's own service names (the CA domain {@code trustchain.dns.ca.domain}, default
 *        {@code trust.<zone>}, and the zone's name server {@code ns1.<zone>}): refused unless an
 *        account has a DNS scope naming exactly that name, so a scope for the whole zone does not
 *        let anyone impersonate the CA.
 */
public record AccountSettings(List<NameScope> deploymentScopes, List<NameScope.Dns> blockedNames, List<String> caNames) {
    public AccountSettings {
        deploymentScopes = List.copyOf(deploymentScopes);
        blockedNames = List.copyOf(blockedNames);
        caNames = List.copyOf(caNames);
    }

    public static AccountSettings from(Settings s) {
        String zone = s.get("trustchain.dns.zone", "hypermesh.online.").toLowerCase(Locale.ROOT);
        String bare = zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
        String name = "trustchain.accounts.default.scopes";
        String text = s.get(name, "dns:" + bare + ",uri:spiffe://" + bare + "/");
        List<NameScope> scopes = new ArrayList<>();
        for (String item : Arrays.stream(text.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList()) {
            scopes.add(scope(name, item));
        }
        List<NameScope.Dns> blocked = new ArrayList<>();
        for (String item : Arrays.stream(s.get("trustchain.ra.blocked.names", "").split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList()) {
            try {
                blocked.add(NameScope.dns(item, true, true));
            } catch (TrustChainException e) {
                throw Settings.invalid("trustchain.ra.blocked.names", "has '" + item + "': " + e.detail());
            }
        }
        // The same setting and default as the DNS server's CAA issuer domain (DnsSettings).
        String caDomain = s.get("trustchain.dns.ca.domain", "trust." + bare).toLowerCase(Locale.ROOT);
        return new AccountSettings(scopes, blocked, List.of(caDomain, "ns1." + bare));
    }

    private static NameScope scope(String setting, String item) {
        int colon = item.indexOf(':');
        if (colon < 0) {
            throw Settings.invalid(setting, "has '" + item + "'; write dns:<name>, ip:<prefix>/<length> or uri:<prefix>");
        }
        String kind = item.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = item.substring(colon + 1);
        if (!List.of("dns", "ip", "uri").contains(kind)) {
            throw Settings.invalid(setting, "has '" + item + "'; write dns:<name>, ip:<prefix>/<length> or uri:<prefix>");
        }
        try {
            return switch (kind) {
                case "dns" -> NameScope.dns(value, true, true);
                case "ip" -> NameScope.ip(value);
                default -> NameScope.uri(value);
            };
        } catch (TrustChainException e) {
            throw Settings.invalid(setting, "has '" + item + "': " + e.detail());
        }
    }
}
