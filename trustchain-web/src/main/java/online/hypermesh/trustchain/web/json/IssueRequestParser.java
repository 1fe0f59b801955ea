package online.hypermesh.trustchain.web.json;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Parses {@code {"csr": PEM, "profile"?, "validity_hours"?, "region"?}} strictly: wrong types and
 * unknown fields are errors that name the field, so a typo ("validity") is not silently ignored.
 */
public final class IssueRequestParser {
    private static final Set<String> FIELDS = Set.of("csr", "profile", "validity_hours", "region");
    /** Looked up once: Json.createReader() would search for a provider (ServiceLoader, class loading) on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The parsed fields; optional ones are null when absent. */
    public record IssueRequest(String csr, String profile, Integer validityHours, String region) {
    }

    private IssueRequestParser() {
    }

    public static IssueRequest parse(byte[] body) {
        JsonObject json;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw TrustChainException.malformed("the body must be a JSON object like {\"csr\": \"-----BEGIN CERTIFICATE REQUEST-----...\", \"profile\": \"server\"}");
            }
            json = value.asJsonObject();
        } catch (JsonParsingException e) {
            throw TrustChainException.malformed("the body is not valid JSON: " + e.getMessage());
        } catch (jakarta.json.JsonException e) {
            throw TrustChainException.malformed("the body is not valid JSON");
        }
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                throw TrustChainException.malformed("unknown field '" + key + "'; allowed: csr, profile, validity_hours, region");
            }
        }
        String csr = string(json, "csr");
        if (csr == null || csr.isBlank()) {
            throw TrustChainException.malformed("field 'csr' is required: a PEM-encoded PKCS#10 certificate signing request");
        }
        return new IssueRequest(csr, string(json, "profile"), integer(json, "validity_hours"), string(json, "region"));
    }

    public static byte[] csrBytes(IssueRequest request) {
        return request.csr().getBytes(StandardCharsets.US_ASCII);
    }

    private static String string(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw TrustChainException.malformed("field '" + field + "' must be a string");
        }
        return s.getString();
    }

    private static Integer integer(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw TrustChainException.malformed("field '" + field + "' must be a whole number of hours");
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw TrustChainException.policy("field '" + field + "' is out of range");
        }
    }
}
