package online.hypermesh.trustchain.core.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The networks an account may call from: CIDR prefixes, IPv6 or IPv4. Empty means anywhere.
 *
 * <p>An IPv4 client reaching a dual-stack listener arrives as an IPv4-mapped IPv6 address
 * ({@code ::ffff:192.0.2.1}); it is matched as the IPv4 address it is, so {@code 192.0.2.0/24}
 * admits it and {@code ::/0} alone does not (IPv4 needs {@code 0.0.0.0/0}). Prefixes are written
 * canonically (RFC 5952 for IPv6) and must have no host bits set, so a typo such as
 * {@code 2001:db8::1/32} is refused rather than silently widened. Immutable, thread-safe.
 */
public final class IpAllowlist {
    /** Most prefixes one account may list; an allowlist is a handful of networks, not a routing table. */
    public static final int MAX_NETWORKS = 64;
    private static final IpAllowlist ANYWHERE = new IpAllowlist(List.of());

    private final List<Network> networks;

    private IpAllowlist(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    public static IpAllowlist anywhere() {
        return ANYWHERE;
    }

    /** Parses prefixes such as {@code 2001:db8:1::/48}, {@code ::1/128}, {@code 192.0.2.0/24}; a bare address is one host. */
    public static IpAllowlist of(List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return ANYWHERE;
        }
        if (prefixes.size() > MAX_NETWORKS) {
            throw TrustChainException.malformed("an allowlist has at most " + MAX_NETWORKS + " networks, not " + prefixes.size());
        }
        Set<Network> out = new LinkedHashSet<>();
        for (String p : prefixes) {
            out.add(Network.parse(p));
        }
        return new IpAllowlist(new ArrayList<>(out));
    }

    public boolean isAnywhere() {
        return networks.isEmpty();
    }

    /** The prefixes in canonical form, in the order given, without duplicates. */
    public List<String> networks() {
        return networks.stream().map(Network::toString).toList();
    }

    public boolean permits(InetAddress address) {
        if (networks.isEmpty()) {
            return true;
        }
        byte[] bytes = unmapped(address.getAddress());
        for (Network n : networks) {
            if (n.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #permits(InetAddress)} for the textual address a servlet container reports; false if it is not an IP literal. */
    public boolean permits(String address) {
        if (networks.isEmpty()) {
            return true;
        }
        try {
            return permits(literal(address, address));
        } catch (TrustChainException e) {
            return false;
        }
    }

    /** ::ffff:a.b.c.d as the IPv4 address a.b.c.d. */
    private static byte[] unmapped(byte[] b) {
        if (b.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return b;
                }
            }
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return new byte[] {b[12], b[13], b[14], b[15]};
            }
        }
        return b;
    }

    /** Parses an IP literal without ever asking DNS. */
    static InetAddress literal(String text, String context) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.isEmpty() || t.length() > 45 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw TrustChainException.malformed("'" + context + "' is not an IPv6 or IPv4 address (write e.g. 2001:db8:1::/48 or 192.0.2.0/24)");
        }
        if (t.indexOf(':') < 0 && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw TrustChainException.malformed("'" + context + "' is not a dotted-quad IPv4 address");
        }
        try {
            return InetAddress.getByName(t); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw TrustChainException.malformed("'" + context + "' is not an IPv6 or IPv4 address");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAllowlist other && networks.equals(other.networks);
    }

    @Override
    public int hashCode() {
        return networks.hashCode();
    }

    @Override
    public String toString() {
        return networks.isEmpty() ? "anywhere" : String.join(", ", networks());
    }

    /** One prefix: the network's address bytes (4 or 16) and its length in bits. */
    private record Network(byte[] bytes, int length) {
        static Network parse(String text) {
            if (text == null) {
                throw TrustChainException.malformed("an allowlist entry is null; write prefixes such as \"2001:db8:1::/48\"");
            }
            String t = text.trim();
            int slash = t.indexOf('/');
            String addressPart = slash < 0 ? t : t.substring(0, slash);
            byte[] bytes = unmapped(literal(addressPart, text).getAddress());
            int max = bytes.length * 8;
            int length = max;
            if (slash >= 0) {
                String l = t.substring(slash + 1);
                if (!l.matches("\\d{1,3}") || Integer.parseInt(l) > max) {
                    throw TrustChainException.malformed("'" + text + "': the prefix length must be 0 to " + max);
                }
                length = Integer.parseInt(l);
            }
            Network n = new Network(bytes, length);
            byte[] masked = n.masked(bytes);
            if (!java.util.Arrays.equals(masked, bytes)) {
                throw TrustChainException.malformed("'" + text + "' has host bits set; the network is " + new Network(masked, length)
                        + " (write that, or /" + max + " for one host)");
            }
            return n;
        }

        byte[] masked(byte[] address) {
            byte[] out = address.clone();
            for (int i = 0; i < out.length; i++) {
                int keep = Math.max(0, Math.min(8, length - i * 8));
                out[i] &= (byte) (0xff << (8 - keep));
            }
            return out;
        }

        boolean contains(byte[] address) {
            return address.length == bytes.length && java.util.Arrays.equals(masked(address), bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Network other && length == other.length && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(bytes) + length;
        }

        @Override
        public String toString() {
            return (bytes.length == 4 ? ipv4(bytes) : ipv6(bytes)) + "/" + length;
        }

        private static String ipv4(byte[] b) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }

        /** RFC 5952: lower case, no leading zeros, the longest run (first if tied) of two or more zero groups as "::". */
        private static String ipv6(byte[] b) {
            int[] g = new int[8];
            for (int i = 0; i < 8; i++) {
                g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
            }
            int bestStart = -1;
            int bestLen = 1;
            for (int i = 0; i < 8; ) {
                if (g[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    s.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                    s.append(':');
                }
                s.append(Integer.toHexString(g[i]));
            }
            return s.toString();
        }
    }
}
