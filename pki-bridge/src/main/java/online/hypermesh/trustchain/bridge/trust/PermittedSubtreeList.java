package online.hypermesh.trustchain.bridge.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.NameScope;
import online.hypermesh.trustchain.core.x509.PermittedSubtrees;

/**
 * The permitted subtrees an administrator asks a cross certificate to carry, in the same notation
 * as {@code TRUSTCHAIN_CA_NAME_CONSTRAINTS}: {@code dns:<name>} (it and every name below it),
 * {@code ip:<prefix>/<length>}, {@code uri:<host>} ({@code .<host>}: the hosts below it).
 */
public final class PermittedSubtreeList {
    private PermittedSubtreeList() {
    }

    /** Empty list: no constraints. MALFORMED_REQUEST naming the bad entry otherwise. */
    public static PermittedSubtrees parse(List<String> entries) {
        List<String> dns = new ArrayList<>();
        List<NameScope.Ip> ips = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String kind = colon < 0 ? "" : entry.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = entry.substring(colon + 1).trim();
            try {
                switch (kind) {
                    case "dns" -> dns.add(NameScope.dns(value, true, false).value());
                    case "ip" -> ips.add(NameScope.ip(value));
                    case "uri" -> uris.add(value);
                    default -> throw TrustChainException.malformed("write dns:<name>, ip:<prefix>/<length> or uri:<host>");
                }
            } catch (TrustChainException e) {
                throw TrustChainException.malformed("permitted subtree '" + entry + "': " + e.detail());
            }
        }
        return new PermittedSubtrees(dns, ips, uris);
    }
}
