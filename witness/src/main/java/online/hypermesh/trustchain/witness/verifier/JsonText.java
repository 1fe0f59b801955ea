package online.hypermesh.trustchain.witness.verifier;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little JSON the verifier reads: the two fields of an RFC 6962
 * get-proof-by-hash answer (the jar carries no JSON library; the answer is flat and its values are
 * numbers and base64 strings, which need no unescaping).
 */
final class JsonText {
    private static final Pattern LEAF_INDEX = Pattern.compile("\"leaf_index\"\\s*:\\s*(\\d+)");
    private static final Pattern AUDIT_PATH = Pattern.compile("\"audit_path\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern STRING = Pattern.compile("\"([A-Za-z0-9+/=]*)\"");

    private JsonText() {
    }

    static long leafIndex(String json) {
        Matcher m = LEAF_INDEX.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("the proof has no leaf_index: " + json);
        }
        return Long.parseLong(m.group(1));
    }

    static List<byte[]> auditPath(String json) {
        Matcher m = AUDIT_PATH.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("the proof has no audit_path: " + json);
        }
        List<byte[]> path = new ArrayList<>();
        Matcher s = STRING.matcher(m.group(1));
        while (s.find()) {
            path.add(Base64.getDecoder().decode(s.group(1)));
        }
        return path;
    }
}
