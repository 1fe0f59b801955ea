package online.hypermesh.trustchain.ca.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One CAA record of {@code trustchain.dns.caa}, as written: {@code <name> <flags> <tag> <value>},
 * the name relative to the zone ({@code @} for the apex) or absolute with a trailing dot, the value
 * in double quotes when it has spaces, e.g. {@code legacy 0 issue "letsencrypt.org"}.
 */
record ZoneCaaEntry(String name, int flags, String tag, String value) {

    /** Entries separated by commas outside double quotes. */
    static List<ZoneCaaEntry> parse(String text) {
        List<ZoneCaaEntry> out = new ArrayList<>();
        for (String entry : splitOutsideQuotes(text)) {
            if (!entry.isBlank()) {
                out.add(entry(entry.trim()));
            }
        }
        return List.copyOf(out);
    }

    private static ZoneCaaEntry entry(String entry) {
        String[] head = entry.split("\\s+", 4);
        if (head.length < 4) {
            throw new IllegalArgumentException("has '" + entry + "'; write <name> <flags> <tag> <value>, e.g. legacy 0 issue \"letsencrypt.org\"");
        }
        int flags;
        try {
            flags = Integer.parseInt(head[1]);
        } catch (NumberFormatException e) {
            flags = -1;
        }
        if (flags < 0 || flags > 255) {
            throw new IllegalArgumentException("has '" + entry + "': the flags must be a number from 0 to 255 (128: issuer critical)");
        }
        String tag = head[2];
        if (!tag.matches("[A-Za-z0-9]{1,15}")) {
            throw new IllegalArgumentException("has '" + entry + "': a CAA tag is 1 to 15 letters and digits (RFC 8659 4.1)");
        }
        String value = head[3].trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        } else if (value.contains("\"") || value.contains(" ")) {
            throw new IllegalArgumentException("has '" + entry + "': put a value with spaces in double quotes, without quotes inside");
        }
        return new ZoneCaaEntry(head[0].toLowerCase(Locale.ROOT), flags, tag.toLowerCase(Locale.ROOT), value);
    }

    private static List<String> splitOutsideQuotes(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("has an unclosed double quote: " + text);
        }
        parts.add(current.toString());
        return parts;
    }
}
