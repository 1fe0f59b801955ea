package online.hypermesh.trustchain.ca.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The syntax of host names and IPv6 literals, shared by the DNS settings and the zone's records
 * ({@code dns.DnsNames} builds on it); failures are IllegalArgumentException with a readable message.
 */
public final class HostNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");
    public static final String APEX = "@";

    private HostNames() {
    }

    /** Letters, digits and hyphens, labels of 1 to 63 characters, at most 253 in all; no trailing dot. */
    public static boolean isHostName(String name) {
        if (name == null || name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A name as a client writes it, relative to the zone (given without its trailing dot): {@code @}
     * or the zone itself is the apex, a name ending in the zone is taken as fully qualified (trailing
     * dot optional), anything else is relative to the zone. Returns the stored form: lower case,
     * relative, {@code @} for the apex.
     */
    public static String relative(String input, String zone) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("the name is empty");
        }
        String name = input.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
            if (!name.equals(zone) && !name.endsWith("." + zone)) {
                throw new IllegalArgumentException("'" + input + "' is outside the zone " + zone);
            }
        }
        if (name.equals(APEX) || name.equals(zone)) {
            return APEX;
        }
        if (name.endsWith("." + zone)) {
            name = name.substring(0, name.length() - zone.length() - 1);
        }
        if (!isHostName(name) || name.length() + zone.length() + 1 > 253) {
            throw new IllegalArgumentException("'" + input + "' is not a host name: use letters, digits and hyphens,"
                    + " labels of 1 to 63 characters, at most 253 characters with the zone " + zone);
        }
        return name;
    }

    /** An IPv6 address literal; no host names (never a DNS lookup), no zone ids, no IPv4-mapped addresses. */
    public static Inet6Address ipv6(String literal) {
        if (literal == null || literal.indexOf(':') < 0 || !IPV6_LITERAL.matcher(literal).matches()) {
            throw new IllegalArgumentException("'" + literal + "' is not an IPv6 address such as 2001:db8::1");
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet6Address v6) {
                return v6;
            }
            throw new IllegalArgumentException("'" + literal + "' is an IPv4-mapped address; AAAA records take IPv6 addresses");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IPv6 address such as 2001:db8::1");
        }
    }
}
