package online.hypermesh.trustchain.ca.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the upstream resolver list, e.g. {@code [2001:db8::53]:53,127.0.0.1:53}. Only IP literals:
 * resolving a host name here would need the very DNS we are configuring. The port defaults to 53.
 */
final class UpstreamAddresses {

    private static final Pattern BRACKETED_V6 = Pattern.compile("\\[([0-9a-fA-F:.]+)](?::(\\d{1,5}))?");
    private static final Pattern V4 = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})(?::(\\d{1,5}))?");
    private static final Pattern BARE_V6 = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*");
    private static final int DNS_PORT = 53;

    private UpstreamAddresses() {
    }

    /** @throws IllegalArgumentException naming the entry that is not an address */
    static List<InetSocketAddress> parse(String list) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.trim();
            if (!entry.isEmpty()) {
                result.add(parseOne(entry));
            }
        }
        return List.copyOf(result);
    }

    private static InetSocketAddress parseOne(String entry) {
        Matcher m = BRACKETED_V6.matcher(entry);
        if (!m.matches()) {
            m = V4.matcher(entry);
        }
        if (m.matches()) {
            return new InetSocketAddress(literal(m.group(1), entry), port(m.group(2), entry));
        }
        if (BARE_V6.matcher(entry).matches()) {
            return new InetSocketAddress(literal(entry, entry), DNS_PORT);
        }
        throw new IllegalArgumentException("'" + entry + "' is not an IP address with an optional port, "
                + "like [2001:db8::53]:53 or 127.0.0.1:53");
    }

    private static InetAddress literal(String text, String entry) {
        try {
            // A literal never triggers a lookup; the patterns above only let literals through.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' has an invalid IP address", e);
        }
    }

    private static int port(String text, String entry) {
        if (text == null) {
            return DNS_PORT;
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + entry + "' has a port outside 1-65535");
        }
        return port;
    }
}
