package online.hypermesh.trustchain.core.x509;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.NameScope;

/**
 * The permitted subtrees an issuing intermediate carries in its name constraints (RFC 5280
 * 4.2.1.10), so that a relying party refuses a leaf for any other name even if the registration
 * authority were wrong.
 *
 * <ul>
 *   <li>{@code dnsNames}: a name permits itself and every name below it ({@code hypermesh.online}
 *       covers {@code api.hypermesh.online}, never {@code evilhypermesh.online}).</li>
 *   <li>{@code ipPrefixes}: address and mask. RFC 5280 constrains a name type only when a subtree of
 *       that type is present: without IP prefixes, iPAddress names are not constrained.</li>
 *   <li>{@code uriHosts}: the host part of a URI (for {@code spiffe://}, the trust domain); a host
 *       starting with a dot permits the hosts below it, one without a dot exactly that host.</li>
 * </ul>
 * No excluded subtrees; the extension is critical (RFC 5280 says CAs MUST mark it critical; the
 * baseline requirements, 7.1.2.10.8, allow it).
 */
public record PermittedSubtrees(List<String> dnsNames, List<NameScope.Ip> ipPrefixes, List<String> uriHosts) {

    public PermittedSubtrees {
        dnsNames = dnsNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        ipPrefixes = List.copyOf(ipPrefixes);
        uriHosts = uriHosts.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        for (String dns : dnsNames) {
            if (dns.isEmpty() || dns.startsWith(".") || dns.endsWith(".") || dns.contains("*")) {
                throw TrustChainException.malformed("a permitted DNS subtree is a name such as hypermesh.online, was '" + dns + "'");
            }
        }
        for (String host : uriHosts) {
            if (host.isEmpty() || host.endsWith(".") || host.contains("/") || host.contains(":") || host.contains("*")) {
                throw TrustChainException.malformed("a permitted URI subtree is a host such as hypermesh.online or .hypermesh.online, was '"
                        + host + "'");
            }
        }
    }

    /** No constraints: intermediates are issued without the extension. */
    public static PermittedSubtrees none() {
        return new PermittedSubtrees(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return dnsNames.isEmpty() && ipPrefixes.isEmpty() && uriHosts.isEmpty();
    }

    /** The extension's value. */
    public NameConstraints extension() {
        List<GeneralSubtree> permitted = new ArrayList<>();
        dnsNames.forEach(d -> permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, d))));
        for (NameScope.Ip ip : ipPrefixes) {
            byte[] network = ip.network();
            byte[] both = new byte[network.length * 2];
            System.arraycopy(network, 0, both, 0, network.length);
            for (int bit = 0; bit < ip.prefixLength(); bit++) {
                both[network.length + bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(both))));
        }
        uriHosts.forEach(h -> permitted.add(new GeneralSubtree(new GeneralName(GeneralName.uniformResourceIdentifier, h))));
        return new NameConstraints(permitted.toArray(new GeneralSubtree[0]), null);
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        dnsNames.forEach(d -> all.add("dns:" + d));
        ipPrefixes.forEach(i -> all.add("ip:" + i.value()));
        uriHosts.forEach(u -> all.add("uri:" + u));
        return String.join(",", all);
    }
}
