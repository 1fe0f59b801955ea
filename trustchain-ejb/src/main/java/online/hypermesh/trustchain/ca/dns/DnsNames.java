package online.hypermesh.trustchain.ca.dns;

import java.net.Inet6Address;
import java.util.Locale;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import online.hypermesh.trustchain.ca.config.HostNames;

/** Host names and IPv6 literals as the zone accepts them; failures are IllegalArgumentException with a readable message. */
public final class DnsNames {
    static final String APEX = HostNames.APEX;

    private DnsNames() {
    }

    /** Letters, digits and hyphens, labels of 1 to 63 characters, at most 253 in all; no trailing dot. */
    public static boolean isHostName(String name) {
        return HostNames.isHostName(name);
    }

    /** The stored form of a name as a client writes it: see {@link HostNames#relative}. */
    public static String relative(String input, Name origin) {
        return HostNames.relative(input, withoutDot(origin));
    }

    /** The absolute owner name of a stored relative name. */
    public static Name absolute(String relative, Name origin) {
        if (APEX.equals(relative)) {
            return origin;
        }
        try {
            return Name.fromString(relative, origin);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + relative + "' is not a DNS name", e);
        }
    }

    /** A certificate's DNS name inside the zone (no wildcards, no IP addresses), or null. */
    public static Name inZone(String certificateName, Name origin) {
        String name = certificateName.toLowerCase(Locale.ROOT);
        if (!isHostName(name)) {
            return null;
        }
        String zone = withoutDot(origin);
        if (!name.equals(zone) && !name.endsWith("." + zone)) {
            return null;
        }
        return Name.fromConstantString(name + ".");
    }

    /** An IPv6 address literal; no host names (never a DNS lookup), no zone ids, no IPv4-mapped addresses. */
    public static Inet6Address ipv6(String literal) {
        return HostNames.ipv6(literal);
    }

    static String withoutDot(Name name) {
        String text = name.toString();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
