package online.hypermesh.trustchain.web.json;

import java.io.ByteArrayInputStream;
import java.util.Set;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * A request body read as one JSON object with a fixed set of fields. Wrong types and unknown
 * fields are errors that name the field, so a typo ("validity") is not silently ignored.
 */
public final class StrictJsonObject {
    /** Looked up once: Json.createReader() would search for a provider (ServiceLoader, class loading) on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final JsonObject json;

    private StrictJsonObject(JsonObject json) {
        this.json = json;
    }

    /** @param example shown in the error when the body is not an object */
    public static StrictJsonObject parse(byte[] body, Set<String> allowedFields, String example) {
        JsonObject json;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw TrustChainException.malformed("the body must be a JSON object like " + example);
            }
            json = value.asJsonObject();
        } catch (JsonParsingException e) {
            throw TrustChainException.malformed("the body is not valid JSON: " + e.getMessage());
        } catch (JsonException e) {
            throw TrustChainException.malformed("the body is not valid JSON");
        }
        for (String key : json.keySet()) {
            if (!allowedFields.contains(key)) {
                throw TrustChainException.malformed("unknown field '" + key + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(allowedFields)));
            }
        }
        return new StrictJsonObject(json);
    }

    /** A string field; null when absent or JSON null. */
    public String string(String field) {
        JsonValue v = json.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw TrustChainException.malformed("field '" + field + "' must be a string");
        }
        return s.getString();
    }

    /** A boolean field; null when absent or JSON null. */
    public Boolean bool(String field) {
        JsonValue v = json.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw TrustChainException.malformed("field '" + field + "' must be true or false");
        }
        return v == JsonValue.TRUE;
    }

    /** A whole-number field; null when absent or JSON null. */
    public Integer integer(String field) {
        JsonValue v = json.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw TrustChainException.malformed("field '" + field + "' must be a whole number");
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw TrustChainException.policy("field '" + field + "' is out of range");
        }
    }
}
