package online.hypermesh.trustchain.bridge.perspective;

import online.hypermesh.trustchain.bridge.acme.JsonP;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

/**
 * What the CA asks a remote perspective: validate this challenge now. {@code issuedAt} bounds a
 * replay to {@link #MAX_AGE_SECONDS}; {@code nonce} ties the reply to this request.
 */
public record PerspectiveRequest(String type, String name, String token, String keyAuthorization, String nonce, Instant issuedAt) {
    public static final long MAX_AGE_SECONDS = 120;

    public PerspectiveRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    public byte[] toJson() {
        return JsonP.JSON.createObjectBuilder().add("type", type).add("name", name).add("token", token).add("key_authorization", keyAuthorization)
                .add("nonce", nonce).add("issued_at", issuedAt.toString()).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException what is wrong with the body */
    public static PerspectiveRequest parse(byte[] body) {
        try {
            JsonObject o = JsonP.JSON.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
            return new PerspectiveRequest(o.getString("type"), o.getString("name"), o.getString("token"), o.getString("key_authorization"),
                    o.getString("nonce"), Instant.parse(o.getString("issued_at")));
        } catch (JsonException | ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a perspective request: " + e.getMessage(), e);
        }
    }

    /** Whether it was issued within {@link #MAX_AGE_SECONDS} of now, either way (the clocks may differ a little). */
    public boolean isFresh(Instant now) {
        return Math.abs(now.getEpochSecond() - issuedAt.getEpochSecond()) <= MAX_AGE_SECONDS;
    }
}
