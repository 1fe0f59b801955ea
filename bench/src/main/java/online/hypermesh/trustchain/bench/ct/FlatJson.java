package online.hypermesh.trustchain.bench.ct;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the flat JSON objects of RFC 6962 answers (add-chain, get-sth), log.json and the roots
 * API: string, number, boolean and null members only, each value returned as its text (strings
 * unescaped, null as Java null). Anything else (nesting, trailing data) is refused, so a server
 * answering something unexpected is counted as a wrong answer rather than half read.
 */
final class FlatJson {
    private final String s;
    private int i;

    private FlatJson(String s) {
        this.s = s;
    }

    static Map<String, String> parse(String text) {
        FlatJson p = new FlatJson(text);
        Map<String, String> out = p.object();
        p.space();
        if (p.i != text.length()) {
            throw p.error("trailing data");
        }
        return out;
    }

    private Map<String, String> object() {
        Map<String, String> out = new LinkedHashMap<>();
        space();
        expect('{');
        space();
        if (peek() == '}') {
            i++;
            return out;
        }
        while (true) {
            space();
            String name = string();
            space();
            expect(':');
            space();
            String value = value();
            if (out.containsKey(name)) {
                throw error("duplicate member " + name);
            }
            out.put(name, value);
            space();
            char c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw error("expected , or }");
            }
        }
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        int start = i;
        while (i < s.length() && "+-.0123456789eEtruefalsn".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String literal = s.substring(start, i);
        if (literal.equals("null")) {
            return null;
        }
        if (literal.equals("true") || literal.equals("false") || literal.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            return literal;
        }
        throw error("unsupported value");
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected " + c);
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a flat JSON object (" + what + " at offset " + i + ")");
    }
}
