package online.hypermesh.trustchain.core.x509;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated names a certificate will carry.
 *
 * @param commonName the subject CN, or null for an empty subject (then the SAN is critical)
 * @param dnsNames   lower-case, syntactically valid DNS names, no duplicates
 * @param ipAddresses IPv6 and IPv4 addresses
 * @param uris       absolute URIs (SPIFFE IDs and the like)
 */
public record SubjectNames(String commonName, List<String> dnsNames, List<InetAddress> ipAddresses, List<URI> uris) {
    public SubjectNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        uris = List.copyOf(uris);
    }

    public boolean isEmpty() {
        return dnsNames.isEmpty() && ipAddresses.isEmpty() && uris.isEmpty();
    }

    /**
     * Every name as text, as the CA stores and searches them: DNS names, then IP addresses
     * ({@link InetAddress#getHostAddress()}), then URIs.
     */
    public List<String> asText() {
        List<String> names = new ArrayList<>(dnsNames);
        ipAddresses.forEach(ip -> names.add(ip.getHostAddress()));
        uris.forEach(uri -> names.add(uri.toString()));
        return names;
    }

    public int size() {
        return dnsNames.size() + ipAddresses.size() + uris.size();
    }
}
