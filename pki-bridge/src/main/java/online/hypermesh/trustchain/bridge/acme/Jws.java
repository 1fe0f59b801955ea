package online.hypermesh.trustchain.bridge.acme;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;

/**
 * One ACME request body: a JWS in the flattened JSON serialization (RFC 7515 7.2.2) with the
 * protected header RFC 8555 6.2 requires ("alg", "nonce", "url", and exactly one of "jwk" and
 * "kid"; no unprotected header). Parsing checks the form only; {@link #verify} checks the
 * signature with the key the server decided applies.
 */
public final class Jws {
    private static final Set<String> MEMBERS = Set.of("protected", "payload", "signature");

    private final JsonObject header;
    private final String protectedB64;
    private final String payloadB64;
    private final byte[] signature;

    private Jws(JsonObject header, String protectedB64, String payloadB64, byte[] signature) {
        this.header = header;
        this.protectedB64 = protectedB64;
        this.payloadB64 = payloadB64;
        this.signature = signature;
    }

    /** The request body; {@code outer} (an ACME request rather than an EAB's inner JWS) needs nonce and url checks by the caller. */
    public static Jws parse(String body) {
        JsonObject object = object(body, "the request body");
        for (String key : object.keySet()) {
            if (!MEMBERS.contains(key)) {
                throw new AcmeProblem(Type.MALFORMED, "the JWS has member '" + key + "'; ACME allows only protected, payload and signature"
                        + " in the flattened JSON serialization (RFC 8555 6.2)");
            }
        }
        return of(object);
    }

    /** A JWS nested in a payload (the external account binding, the key change's inner JWS). */
    public static Jws of(JsonObject object) {
        String protectedB64 = string(object, "protected");
        String payloadB64 = string(object, "payload");
        String signatureB64 = string(object, "signature");
        JsonObject header = object(new String(Base64Url.decode(protectedB64, "the protected header"), StandardCharsets.UTF_8), "the protected header");
        Base64Url.decode(payloadB64, "the payload");
        String alg = header.get("alg") instanceof JsonString s ? s.getString() : null;
        if (alg == null) {
            throw new AcmeProblem(Type.MALFORMED, "the protected header has no \"alg\"");
        }
        if (alg.equals("none")) {
            throw new AcmeProblem(Type.BAD_SIGNATURE_ALGORITHM, "\"alg\": \"none\" is not allowed (RFC 8555 6.2)");
        }
        boolean jwk = header.containsKey("jwk");
        boolean kid = header.containsKey("kid");
        if (jwk == kid) {
            throw new AcmeProblem(Type.MALFORMED, "the protected header must have exactly one of \"jwk\" and \"kid\" (RFC 8555 6.2)");
        }
        return new Jws(header, protectedB64, payloadB64, Base64Url.decode(signatureB64, "the signature"));
    }

    public String alg() {
        return ((JsonString) header.get("alg")).getString();
    }

    /** The "nonce" header, or null. */
    public String nonce() {
        return header.get("nonce") instanceof JsonString s ? s.getString() : null;
    }

    /** The "url" header, or null. */
    public String url() {
        return header.get("url") instanceof JsonString s ? s.getString() : null;
    }

    /** The "kid" header (an account URL), or null when the request carries its key. */
    public String kid() {
        return header.get("kid") instanceof JsonString s ? s.getString() : null;
    }

    /** The "jwk" header parsed, or null. */
    public Jwk jwk() {
        JsonValue v = header.get("jwk");
        if (v == null) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AcmeProblem(Type.MALFORMED, "\"jwk\" is not a JSON object");
        }
        return Jwk.parse(v.asJsonObject());
    }

    /** The raw "jwk" object, or null. */
    public JsonObject jwkObject() {
        return header.get("jwk") instanceof JsonObject o ? o : null;
    }

    /** The empty payload of a POST-as-GET (RFC 8555 6.3). */
    public boolean emptyPayload() {
        return payloadB64.isEmpty();
    }

    public byte[] payloadBytes() {
        return Base64Url.decode(payloadB64, "the payload");
    }

    /** The payload as a JSON object. @throws AcmeProblem malformed if it is not one (or empty) */
    public JsonObject payload() {
        if (payloadB64.isEmpty()) {
            throw new AcmeProblem(Type.MALFORMED, "the payload is empty; this resource needs a JSON object");
        }
        return object(new String(payloadBytes(), StandardCharsets.UTF_8), "the payload");
    }

    public byte[] signingInput() {
        return (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** The whole header, for members a caller checks itself. */
    public JsonObject header() {
        return header;
    }

    public void verify(Jwk key) {
        key.verify(alg(), signingInput(), signature);
    }

    static JsonObject object(String text, String what) {
        try (JsonReader reader = JsonP.JSON.createReader(new StringReader(text))) {
            JsonValue v = reader.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new AcmeProblem(Type.MALFORMED, what + " is not a JSON object");
            }
            return v.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new AcmeProblem(Type.MALFORMED, what + " is not JSON: " + e.getMessage());
        }
    }

    private static String string(JsonObject object, String name) {
        if (!(object.get(name) instanceof JsonString s)) {
            throw new AcmeProblem(Type.MALFORMED, "the JWS has no string member '" + name + "'");
        }
        return s.getString();
    }
}
