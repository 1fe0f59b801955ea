package online.hypermesh.trustchain.core.policy;

import java.util.HexFormat;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** A name a certificate request asks for, in the canonical form {@link NameScope#covers} compares. */
public sealed interface RequestedName {

    /** The name as shown in a refusal. */
    String display();

    record DnsName(String value) implements RequestedName {
        @Override
        public String display() {
            return value;
        }
    }

    record IpAddress(byte[] address, String display) implements RequestedName {
        @Override
        public boolean equals(Object o) {
            return o instanceof IpAddress other && java.util.Arrays.equals(other.address, address);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(address);
        }

        @Override
        public String toString() {
            return "IpAddress[" + HexFormat.of().formatHex(address) + "]";
        }
    }

    record UriName(String value) implements RequestedName {
        @Override
        public String display() {
            return value;
        }
    }

    /** A DNS name from a CSR (case and a trailing dot do not matter; U-labels become A-labels). */
    static DnsName dns(String name) {
        return new DnsName(Canonical.dnsName(name, "DNS name"));
    }

    /** An IP address from a CSR: 4 or 16 bytes, as an iPAddress SAN carries it. */
    static IpAddress ip(byte[] address) {
        if (address == null || (address.length != 4 && address.length != 16)) {
            throw TrustChainException.badName("an IP address SAN must be 4 or 16 bytes");
        }
        String text;
        try {
            text = java.net.InetAddress.getByAddress(address).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return new IpAddress(address.clone(), text);
    }

    /** An IP address from text ({@code 2001:db8::1}). */
    static IpAddress ip(String literal) {
        return ip(Prefixes.literal(literal, "IP address"));
    }

    static UriName uri(String uri) {
        return new UriName(Canonical.uri(uri, "URI"));
    }
}
