package online.hypermesh.trustchain.core.caa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the holder of a DNS name lets this CA issue for it (RFC 8659): find the relevant RRset by
 * climbing from the name towards the root (section 3), then read its {@code issue} and
 * {@code issuewild} properties (sections 4.2 and 4.3).
 *
 * <ul>
 *   <li>An unknown property with the Issuer Critical flag refuses (section 4.1); unknown properties
 *       without it, such as {@code iodef} or {@code issuemail}, are ignored.</li>
 *   <li>For a wildcard name {@code *.X} the climb starts at X; if the relevant set has any
 *       {@code issuewild} property only those count, otherwise the {@code issue} ones. For any
 *       other name {@code issuewild} is ignored.</li>
 *   <li>A set without a property that restricts the name permits; otherwise one of them must name
 *       one of this CA's issuer domains (case-insensitively). A value that does not match the
 *       grammar, or names no one ({@code ";"}), authorizes no one.</li>
 *   <li>Parameters are this CA's to define (section 4.2); it defines none and ignores them.</li>
 *   <li>A lookup failure anywhere on the climb leaves the name unchecked: the caller decides, and
 *       TrustChain refuses (it cannot establish the DNSSEC conditions under which the CA/Browser
 *       Forum's baseline requirements, 3.2.2.8, let a failure count as permission).</li>
 * </ul>
 */
public final class CaaCheck {
    private final Set<String> issuerDomains;
    private final CaaSource source;

    /** @param issuerDomains the domains that identify this CA in {@code issue} properties */
    public CaaCheck(Set<String> issuerDomains, CaaSource source) {
        if (issuerDomains.isEmpty()) {
            throw new IllegalArgumentException("a CAA check needs at least one issuer domain of this CA");
        }
        TreeSet<String> normalized = new TreeSet<>();
        issuerDomains.forEach(d -> normalized.add(withoutDot(d)));
        this.issuerDomains = Set.copyOf(normalized);
        this.source = source;
    }

    /** @param name a DNS name or wildcard name (case and a trailing dot do not matter) */
    public CaaDecision check(String name) {
        String fqdn = withoutDot(name);
        boolean wildcard = fqdn.startsWith("*.");
        String start = wildcard ? fqdn.substring(2) : fqdn;
        for (String domain = start; !domain.isEmpty(); domain = parent(domain)) {
            CaaAnswer answer = source.lookup(domain);
            if (answer instanceof CaaAnswer.Failure failure) {
                return new CaaDecision.Unchecked(domain, failure.reason(), failure.retryable());
            }
            List<CaaProperty> set = ((CaaAnswer.Records) answer).properties();
            if (!set.isEmpty()) {
                return evaluate(domain, set, wildcard);
            }
        }
        return new CaaDecision.Permitted(null);
    }

    private CaaDecision evaluate(String domain, List<CaaProperty> set, boolean wildcard) {
        for (CaaProperty p : set) {
            String tag = p.normalizedTag();
            // The properties of RFC 8659, and issuemail (RFC 9495), which never restricts TLS certificates.
            boolean known = tag.equals("issue") || tag.equals("issuewild") || tag.equals("iodef") || tag.equals("issuemail");
            if (p.critical() && !known) {
                return new CaaDecision.Refused(domain, set, "the CAA record '" + p + "' at " + domain
                        + " has the critical flag on a property this CA does not understand");
            }
        }
        boolean hasIssuewild = set.stream().anyMatch(p -> p.normalizedTag().equals("issuewild"));
        String governing = wildcard && hasIssuewild ? "issuewild" : "issue";
        List<CaaProperty> restricting = new ArrayList<>();
        for (CaaProperty p : set) {
            if (p.normalizedTag().equals(governing)) {
                restricting.add(p);
            }
        }
        if (restricting.isEmpty()) {
            return new CaaDecision.Permitted(domain);
        }
        for (CaaProperty p : restricting) {
            Optional<String> issuer = CaaIssueValue.parse(p.value()).flatMap(CaaIssueValue::issuerDomain);
            if (issuer.isPresent() && issuerDomains.contains(issuer.get())) {
                return new CaaDecision.Permitted(domain);
            }
        }
        return new CaaDecision.Refused(domain, set, "the CAA records at " + domain + " (" + String.join(", ",
                restricting.stream().map(CaaProperty::toString).toList()) + ") do not name this CA ("
                + String.join(", ", issuerDomains) + ") in '" + governing + "'");
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? "" : domain.substring(dot + 1);
    }

    private static String withoutDot(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
