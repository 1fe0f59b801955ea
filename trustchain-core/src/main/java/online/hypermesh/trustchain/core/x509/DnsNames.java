package online.hypermesh.trustchain.core.x509;

import java.util.Locale;
import java.util.regex.Pattern;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Syntax of DNS names as they may appear in a certificate (RFC 5280 4.2.1.6 "preferred name
 * syntax", RFC 1123 host names, CA/Browser Forum BR 7.1.4.2: no underscores, wildcard only as
 * the whole leftmost label).
 */
public final class DnsNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    private DnsNames() {
    }

    /** Returns the name in lower case, or throws a BAD_NAME error saying what is wrong with it. */
    public static String requireValid(String name) {
        if (name == null || name.isEmpty()) {
            throw TrustChainException.badName("empty DNS name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            throw TrustChainException.badName("DNS name '" + name + "' must not end with a dot");
        }
        if (lower.length() > 253) {
            throw TrustChainException.badName("DNS name '" + abbreviate(name) + "' is longer than 253 characters");
        }
        String[] labels = lower.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (i == 0 && label.equals("*")) {
                if (labels.length < 3) {
                    throw TrustChainException.badName("wildcard name '" + name + "' must have at least two labels after '*'");
                }
                continue;
            }
            if (!LABEL.matcher(label).matches()) {
                throw TrustChainException.badName("'" + abbreviate(name) + "' is not a valid DNS name: label '" + abbreviate(label)
                        + "' must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen");
            }
        }
        if (labels.length > 1 && NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            throw TrustChainException.badName("'" + name + "' has an all-numeric top-level label; put IP addresses in an IP SAN");
        }
        return lower;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
