package online.hypermesh.trustchain.witness.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed notes in a witness's evidence document (its {@code <origin hash>/evidence} read
 * endpoint: a JSON array of objects whose {@code refused} and {@code held} members are signed
 * checkpoints as JSON strings). Only those two members are read; the rest is the witness's account.
 */
final class EvidenceNotes {
    private static final Pattern MEMBER = Pattern.compile("\"(refused|held)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private EvidenceNotes() {
    }

    /** Pairs of (member name, note), in document order. */
    static List<String[]> of(String json) {
        List<String[]> out = new ArrayList<>();
        Matcher m = MEMBER.matcher(json);
        while (m.find()) {
            out.add(new String[] {m.group(1), unescape(m.group(2))});
        }
        return out;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw new IllegalArgumentException("truncated \\u escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e); // \" \\ \/
            }
        }
        return b.toString();
    }
}
