package online.hypermesh.trustchain.web.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** The JSON bodies of {@code POST /api/v1/trust-anchors} and {@code POST /api/v1/cross-certificates}, read strictly. */
public final class TrustAnchorRequestParser {
    static final String ANCHOR_EXAMPLE = "{\"name\": \"corp\", \"pem\": \"-----BEGIN CERTIFICATE-----\\n...\", \"purposes\": [\"ct\", \"cross-certification\"]}";
    static final String CROSS_EXAMPLE = "{\"trust_anchor\": 1, \"path_length\": 1, \"permitted_subtrees\": [\"dns:corp.example\"]}";

    private TrustAnchorRequestParser() {
    }

    public record AnchorImport(String name, String pem, List<String> purposes) {
    }

    public record CrossIssue(long trustAnchor, Integer pathLength, List<String> permittedSubtrees) {
    }

    public static AnchorImport anchor(byte[] body) {
        StrictJsonObject o = StrictJsonObject.parse(body, Set.of("name", "pem", "purposes"), ANCHOR_EXAMPLE);
        String pem = o.string("pem");
        if (pem == null) {
            throw TrustChainException.malformed("field 'pem' is required (the root and intermediates, PEM), e.g. " + ANCHOR_EXAMPLE);
        }
        return new AnchorImport(o.string("name"), pem, strings(o, "purposes", ANCHOR_EXAMPLE));
    }

    public static CrossIssue cross(byte[] body) {
        StrictJsonObject o = StrictJsonObject.parse(body, Set.of("trust_anchor", "path_length", "permitted_subtrees"), CROSS_EXAMPLE);
        Integer anchor = o.integer("trust_anchor");
        if (anchor == null) {
            throw TrustChainException.malformed("field 'trust_anchor' is required (the id from GET /api/v1/trust-anchors), e.g. " + CROSS_EXAMPLE);
        }
        List<String> subtrees = strings(o, "permitted_subtrees", CROSS_EXAMPLE);
        return new CrossIssue(anchor, o.integer("path_length"), subtrees == null ? List.of() : subtrees);
    }

    /** Comma-separated purposes from a query parameter (the PEM-body form of the import). */
    public static List<String> purposes(String query) {
        List<String> out = new ArrayList<>();
        if (query != null) {
            for (String p : query.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    private static List<String> strings(StrictJsonObject o, String field, String example) {
        JsonArray a = o.array(field);
        if (a == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonValue v : a) {
            if (!(v instanceof JsonString s)) {
                throw TrustChainException.malformed("field '" + field + "' must be an array of strings, e.g. " + example);
            }
            out.add(s.getString());
        }
        return out;
    }
}
