package online.hypermesh.trustchain.core.policy;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** Canonical forms shared by scopes and requested names, so both sides compare like with like. */
final class Canonical {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Canonical() {
    }

    /** Lower case, one trailing dot removed, U-labels to A-labels, label syntax checked. */
    static String dnsName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw TrustChainException.malformed(what + " is empty");
        }
        String n = name.strip();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        // The wildcard label is not LDH; convert the rest and put it back.
        String wildcard = n.startsWith("*.") ? "*." : "";
        String ascii;
        try {
            ascii = wildcard + IDN.toASCII(n.substring(wildcard.length()), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw TrustChainException.malformed(what + " '" + name + "' is not a valid DNS name: " + e.getMessage());
        }
        String[] labels = ascii.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            if (i == 0 && labels[i].equals("*") && labels.length > 1) {
                continue;
            }
            if (!LABEL.matcher(labels[i]).matches()) {
                throw TrustChainException.malformed(what + " '" + name + "' is not a valid DNS name: label '" + labels[i]
                        + "' must be 1-63 letters, digits or hyphens");
            }
        }
        if (ascii.length() > 253) {
            throw TrustChainException.malformed(what + " '" + name + "' is longer than 253 characters");
        }
        return ascii;
    }

    /** Parses a URI for {@link #uri} and {@link RequestedName#uri}; package-private helper shared by both. */
    static URI parseUri(String text, String what) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw TrustChainException.malformed(what + " '" + text + "' is not a URI: " + e.getReason());
        }
    }

    /**
     * Scheme and host in lower case (RFC 3986 6.2.2.1), the rest as written; no query, fragment,
     * user info or dot segments, so a prefix comparison cannot be walked out of with "..".
     */
    static String uri(String text, String what) {
        if (text == null || text.isBlank()) {
            throw TrustChainException.malformed(what + " is empty");
        }
        URI u = parseUri(text.strip(), what);
        if (!u.isAbsolute() || u.isOpaque() || u.getRawAuthority() == null || u.getHost() == null) {
            throw TrustChainException.malformed(what + " '" + text + "' must be an absolute URI with a host, e.g. spiffe://hypermesh.online/payments/");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw TrustChainException.malformed(what + " '" + text + "' must not have a query, fragment or user info");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        for (String segment : path.split("/", -1)) {
            String s = segment.toLowerCase(Locale.ROOT);
            if (s.equals(".") || s.equals("..") || s.contains("%2e") || s.contains("%2f")) {
                throw TrustChainException.malformed(what + " '" + text + "' has a dot segment or an encoded '.' or '/' in its path");
            }
        }
        String port = u.getPort() >= 0 ? ":" + u.getPort() : "";
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + port + path;
    }
}
