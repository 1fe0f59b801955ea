package online.hypermesh.trustchain.ca.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Parsers shared by several settings; each failure is an IllegalArgumentException saying what is allowed. */
final class Values {
    private Values() {
    }

    static int integer(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, was '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static boolean flag(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("must be true or false, was '" + text + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** A comma-separated list: entries trimmed, empty ones dropped, each normalised and checked by {@code entry}. */
    static List<String> list(String text, UnaryOperator<String> entry) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(e -> !e.isEmpty()).map(entry).toList();
    }

    static String oid(String text) {
        if (!text.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
            throw new IllegalArgumentException("is not a dotted OID: " + text);
        }
        return text;
    }

    /** An https:// URL without query or fragment, ending in a slash. */
    static String httpsUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an https:// URL, was '" + url + "'");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("must be an https:// URL without query, was '" + url + "'");
        }
        return url.endsWith("/") ? url : url + "/";
    }
}
