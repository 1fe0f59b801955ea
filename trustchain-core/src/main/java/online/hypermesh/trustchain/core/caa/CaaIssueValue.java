package online.hypermesh.trustchain.core.caa;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value of an {@code issue} or {@code issuewild} property, parsed by the grammar of RFC 8659
 * section 4.2:
 *
 * <pre>
 * issue-value = *WSP [issuer-domain-name *WSP] [";" *WSP [parameters *WSP]]
 * issuer-domain-name = label *("." label)
 * label = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))
 * parameters = (parameter *WSP ";" *WSP parameters) / parameter
 * parameter = tag *WSP "=" *WSP value
 * tag = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))
 * value = *(%x21-3A / %x3C-7E)
 * </pre>
 *
 * A value that does not match is not an authorization of anyone (section 4.2: such a property
 * "MUST NOT" be treated as authorizing the CA), so {@link #parse} returns empty for it and the
 * caller counts it as a restricting property that names no issuer.
 *
 * @param issuerDomain the issuer domain name in lower case, empty for a value such as {@code ";"} that names no one
 * @param parameters   the parameters in order, tags as written
 */
public record CaaIssueValue(Optional<String> issuerDomain, Map<String, String> parameters) {

    public CaaIssueValue {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The parsed value, or empty when it does not match the grammar. */
    public static Optional<CaaIssueValue> parse(String value) {
        return new Parser(value).parse();
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Optional<CaaIssueValue> parse() {
            skipWsp();
            String domain = null;
            if (i < s.length() && isAlnum(s.charAt(i))) {
                int start = i;
                if (!label()) {
                    return Optional.empty();
                }
                while (i < s.length() && s.charAt(i) == '.') {
                    i++;
                    if (!label()) {
                        return Optional.empty();
                    }
                }
                domain = s.substring(start, i).toLowerCase(Locale.ROOT);
                skipWsp();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            if (i < s.length() && s.charAt(i) == ';') {
                i++;
                skipWsp();
                if (i < s.length() && !parameters(parameters)) {
                    return Optional.empty();
                }
            }
            if (i != s.length()) {
                return Optional.empty();
            }
            return Optional.of(new CaaIssueValue(Optional.ofNullable(domain), parameters));
        }

        /** parameters, then trailing *WSP; the position ends at the end of the input when it matched. */
        private boolean parameters(Map<String, String> out) {
            while (true) {
                int start = i;
                if (!label()) {
                    return false;
                }
                String tag = s.substring(start, i);
                skipWsp();
                if (i >= s.length() || s.charAt(i) != '=') {
                    return false;
                }
                i++;
                skipWsp();
                int valueStart = i;
                while (i < s.length() && isValueChar(s.charAt(i))) {
                    i++;
                }
                out.put(tag, s.substring(valueStart, i));
                skipWsp();
                if (i < s.length() && s.charAt(i) == ';') {
                    i++;
                    skipWsp();
                    continue;
                }
                return true;
            }
        }

        /** label = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT)): starts and ends alphanumeric. */
        private boolean label() {
            if (i >= s.length() || !isAlnum(s.charAt(i))) {
                return false;
            }
            i++;
            while (i < s.length()) {
                int j = i;
                while (j < s.length() && s.charAt(j) == '-') {
                    j++;
                }
                if (j < s.length() && isAlnum(s.charAt(j))) {
                    i = j + 1;
                } else {
                    // Hyphens not followed by a letter or digit are not part of the label; a caller
                    // that expects a separator next then finds "-" and refuses the value.
                    return true;
                }
            }
            return true;
        }

        private void skipWsp() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private static boolean isAlnum(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }

        private static boolean isValueChar(char c) {
            return (c >= 0x21 && c <= 0x3A) || (c >= 0x3C && c <= 0x7E);
        }
    }
}
