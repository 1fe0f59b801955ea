package online.hypermesh.trustchain.web.json;

import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * A request body read as exactly one JSON object with a fixed set of fields: the one JSON reader
 * every edge uses, so no endpoint can be laxer than the others. Refused, with a detail that says
 * what to change: anything that is not one object; anything after the object (a body such as
 * <code>{...}}garbage</code>: JSON-P's {@code JsonReader} stops where the object ends and never
 * looks further); a name given twice (RFC 8259 4: parsers disagree on which value counts);
 * unknown fields (so a typo such as "validity" is not silently ignored); fields of the wrong type.
 */
public final class StrictJsonObject {
    /** Looked up once: finding the provider per request means a ServiceLoader search. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final JsonObject json;

    private StrictJsonObject(JsonObject json) {
        this.json = json;
    }

    /** @param example shown in the error when the body is not one object */
    public static StrictJsonObject parse(byte[] body, Set<String> allowedFields, String example) {
        JsonObject json = readOneObject(body, example);
        for (String key : json.keySet()) {
            if (!allowedFields.contains(key)) {
                throw TrustChainException.malformed("unknown field '" + key + "'; allowed: " + String.join(", ", new TreeSet<>(allowedFields)));
            }
        }
        return new StrictJsonObject(json);
    }

    private static JsonObject readOneObject(byte[] body, String example) {
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw TrustChainException.malformed("the body must be a JSON object like " + example);
            }
            JsonObject object = object(parser);
            if (continuesAfterValue(parser)) {
                throw TrustChainException.malformed("the body goes on after the JSON object ends; send exactly one object like " + example);
            }
            return object;
        } catch (JsonParsingException e) {
            throw TrustChainException.malformed("the body is not valid JSON: " + e.getMessage());
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw TrustChainException.malformed("the body is not valid JSON");
        }
    }

    /**
     * Builds the object whose START_OBJECT the parser has just read, refusing a name given twice at
     * any depth. Built from the parser's events rather than with {@code getObject()}, because JSON-P
     * leaves duplicates to the implementation (Parsson keeps the last value by default).
     */
    private static JsonObject object(JsonParser parser) {
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        Set<String> names = new HashSet<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            if (!names.add(name)) {
                throw TrustChainException.malformed("field '" + name + "' is given twice; give each field once");
            }
            builder.add(name, value(parser, parser.next()));
        }
        return builder.build();
    }

    private static JsonArray array(JsonParser parser) {
        JsonArrayBuilder builder = JSON.createArrayBuilder();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            builder.add(value(parser, event));
        }
        return builder.build();
    }

    /** The value that starts at {@code event}; nesting is bounded by the parser's own depth limit. */
    private static JsonValue value(JsonParser parser, JsonParser.Event event) {
        return switch (event) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            default -> parser.getValue();
        };
    }

    /**
     * After the top-level value only whitespace may follow (RFC 8259 2). The parser either reports
     * the next token or fails to read one; both mean the body goes on.
     */
    private static boolean continuesAfterValue(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonParsingException e) {
            return true;
        }
    }

    /** Whether the field is in the object, even as JSON null (null may mean "clear" where absent means "keep"). */
    public boolean has(String field) {
        return json.containsKey(field);
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

    /** An array field; null when absent or JSON null. The caller checks the elements. */
    public JsonArray array(String field) {
        JsonValue v = json.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonArray a)) {
            throw TrustChainException.malformed("field '" + field + "' must be an array");
        }
        return a;
    }
}
