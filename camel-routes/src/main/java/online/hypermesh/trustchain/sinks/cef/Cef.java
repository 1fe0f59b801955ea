package online.hypermesh.trustchain.sinks.cef;

import java.util.Map;

/**
 * ArcSight Common Event Format lines:
 * {@code CEF:0|Vendor|Product|Version|Signature ID|Name|Severity|Extension}. In header fields
 * {@code \} and {@code |} are escaped with a backslash (line breaks, which a header may not hold,
 * become spaces); in extension values {@code \} and {@code =} are escaped and line breaks written
 * as {@code \n} and {@code \r}; extension keys are letters, digits and dots only.
 */
public final class Cef {
    private Cef() {
    }

    /** One line; {@code extension} in the order given, entries with null values left out. */
    public static String line(String vendor, String product, String version, String signatureId, String name, int severity,
                              Map<String, String> extension) {
        if (severity < 0 || severity > 10) {
            throw new IllegalArgumentException("CEF severity is 0-10, was " + severity);
        }
        StringBuilder out = new StringBuilder(256).append("CEF:0|")
                .append(header(vendor)).append('|').append(header(product)).append('|').append(header(version)).append('|')
                .append(header(signatureId)).append('|').append(header(name)).append('|').append(severity).append('|');
        boolean first = true;
        for (Map.Entry<String, String> e : extension.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (!first) {
                out.append(' ');
            }
            out.append(key(e.getKey())).append('=').append(value(e.getValue()));
            first = false;
        }
        return out.toString();
    }

    static String header(String field) {
        StringBuilder out = new StringBuilder(field.length() + 4);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '|' -> out.append("\\|");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String value(String field) {
        StringBuilder out = new StringBuilder(field.length() + 4);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '=' -> out.append("\\=");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An extension key: letters, digits and dots; any other character is dropped and the next letter upper-cased. */
    public static String key(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.') {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = out.length() > 0;
            }
        }
        if (out.length() == 0) {
            throw new IllegalArgumentException("'" + name + "' has no letter or digit for a CEF extension key");
        }
        return out.toString();
    }
}
