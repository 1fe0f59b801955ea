package online.hypermesh.trustchain.bridge.perspective;

import online.hypermesh.trustchain.bridge.acme.JsonP;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A perspective's verdict: valid (with where it saw the proof) or not (with the ACME problem type
 * and detail it got), echoing the request's nonce.
 */
public record PerspectiveReply(String perspective, String nonce, boolean valid, String validatedFrom, String problemType, String detail) {

    public static PerspectiveReply valid(String perspective, String nonce, String validatedFrom) {
        return new PerspectiveReply(perspective, nonce, true, validatedFrom, null, null);
    }

    public static PerspectiveReply invalid(String perspective, String nonce, String problemType, String detail) {
        return new PerspectiveReply(perspective, nonce, false, null, problemType, detail);
    }

    public byte[] toJson() {
        JsonObjectBuilder b = JsonP.JSON.createObjectBuilder().add("perspective", perspective).add("nonce", nonce).add("valid", valid);
        if (validatedFrom != null) {
            b.add("validated_from", validatedFrom);
        }
        if (problemType != null) {
            b.add("problem_type", problemType);
        }
        if (detail != null) {
            b.add("detail", detail);
        }
        return b.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException what is wrong with the body */
    public static PerspectiveReply parse(byte[] body) {
        try {
            JsonObject o = JsonP.JSON.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
            return new PerspectiveReply(o.getString("perspective"), o.getString("nonce"), o.getBoolean("valid"),
                    o.getString("validated_from", null), o.getString("problem_type", null), o.getString("detail", null));
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a perspective reply: " + e.getMessage(), e);
        }
    }
}
