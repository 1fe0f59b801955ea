package online.hypermesh.trustchain.core.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * One part of an account's authorization: the names it may have in a certificate. Values are
 * normalised when a scope is made ({@link #dns}, {@link #ip}, {@link #uri}), so two scopes that
 * mean the same compare equal and the matcher compares canonical forms only.
 */
public sealed interface NameScope {

    /** "dns", "ip" or "uri": the form stored and shown in the API. */
    String type();

    /** The canonical value: an A-label DNS name without trailing dot, a CIDR prefix, a URI prefix. */
    String value();

    /** Whether the scope covers a requested name (already in canonical form, see {@link RequestedName}). */
    boolean covers(RequestedName name);

    /**
     * A DNS name, alone or with every name below it ({@code subdomains}); wildcard names
     * ({@code *.x}) only when {@code wildcard} is set, and only when {@code x} itself is covered.
     */
    record Dns(String value, boolean subdomains, boolean wildcard) implements NameScope {
        @Override
        public String type() {
            return "dns";
        }

        @Override
        public boolean covers(RequestedName name) {
            if (!(name instanceof RequestedName.DnsName dns)) {
                return false;
            }
            String n = dns.value();
            if (n.startsWith("*.")) {
                return wildcard && coversBase(n.substring(2));
            }
            return coversBase(n);
        }

        private boolean coversBase(String n) {
            // The label boundary: "evilhypermesh.online" is not below "hypermesh.online".
            return n.equals(value) || (subdomains && n.endsWith("." + value));
        }
    }

    /** Every IPv6 or IPv4 address within a prefix (an address of the other family never matches). */
    record Ip(String value, byte[] network, int prefixLength) implements NameScope {
        @Override
        public String type() {
            return "ip";
        }

        @Override
        public boolean covers(RequestedName name) {
            if (!(name instanceof RequestedName.IpAddress ip)) {
                return false;
            }
            byte[] a = ip.address();
            if (a.length != network.length) {
                return false;
            }
            return Prefixes.matches(network, a, prefixLength);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ip other && other.value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }

    /**
     * URIs that start with a prefix at a path-segment boundary: {@code spiffe://hypermesh.online/payments/}
     * covers {@code .../payments/api}; a prefix without a trailing slash covers itself and what is below
     * it ({@code .../payments} covers {@code .../payments/api}, never {@code .../paymentsevil}).
     */
    record Uri(String value) implements NameScope {
        @Override
        public String type() {
            return "uri";
        }

        @Override
        public boolean covers(RequestedName name) {
            if (!(name instanceof RequestedName.UriName uri)) {
                return false;
            }
            String u = uri.value();
            if (value.endsWith("/")) {
                return u.startsWith(value) && u.length() > value.length();
            }
            return u.equals(value) || u.startsWith(value + "/");
        }
    }

    /**
     * A DNS scope. Accepts U-labels (converted to A-labels, as certificates carry them), any case
     * and one trailing dot; refuses wildcards in the value itself (say {@code wildcard: true}) and
     * single-label names, so no scope can cover a whole top-level domain by mistake.
     */
    static Dns dns(String name, boolean subdomains, boolean wildcard) {
        String n = Canonical.dnsName(name, "DNS scope");
        if (n.startsWith("*.")) {
            throw TrustChainException.malformed("DNS scope '" + name + "' must not contain '*'; give the name and set \"wildcard\": true");
        }
        if (!n.contains(".")) {
            throw TrustChainException.malformed("DNS scope '" + name + "' is a single label; a scope names at least a registrable domain");
        }
        return new Dns(n, subdomains, wildcard);
    }

    /** An IP scope from CIDR text ({@code 2001:db8:1::/48}, {@code 192.0.2.0/24}); host bits must be zero. */
    static Ip ip(String cidr) {
        if (cidr == null) {
            throw TrustChainException.malformed("IP scope is missing");
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw TrustChainException.malformed("IP scope '" + cidr + "' needs a prefix length, e.g. 2001:db8::/32 or 2001:db8::1/128");
        }
        byte[] network = Prefixes.literal(cidr.substring(0, slash), "IP scope '" + cidr + "'");
        int length;
        try {
            length = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw TrustChainException.malformed("IP scope '" + cidr + "' has a prefix length that is not a number");
        }
        int bits = network.length * 8;
        if (length < 0 || length > bits) {
            throw TrustChainException.malformed("IP scope '" + cidr + "' has prefix length " + length + "; it must be 0 to " + bits);
        }
        if (!Prefixes.hostBitsZero(network, length)) {
            throw TrustChainException.malformed("IP scope '" + cidr + "' has host bits set after /" + length + "; give the network address");
        }
        String canonical;
        try {
            canonical = InetAddress.getByAddress(network).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return new Ip(Prefixes.compress(canonical, network.length) + "/" + length, network, length);
    }

    /** A URI scope: absolute, with scheme and host in lower case, no query, fragment or dot segments. */
    static Uri uri(String prefix) {
        return new Uri(Canonical.uri(prefix, "URI scope"));
    }

}
