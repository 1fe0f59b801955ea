package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Plain maps (strings, numbers, booleans, lists and maps of them) to jsonb text and back, for
 * columns that hold a small document whose shape the domain owns (an approval's request).
 */
final class JsonDocuments {
    /** Looked up once: Json.createObjectBuilder() searches for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonDocuments() {
    }

    static String write(Map<String, Object> document) {
        return document == null ? null : JSON.createObjectBuilder(document).build().toString();
    }

    static Map<String, Object> read(String text) {
        if (text == null) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return object(reader.readObject());
        }
    }

    private static Map<String, Object> object(JsonObject o) {
        Map<String, Object> map = new LinkedHashMap<>();
        o.forEach((k, v) -> map.put(k, value(v)));
        return map;
    }

    private static Object value(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> object(v.asJsonObject());
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonValue item : (JsonArray) v) {
                    list.add(value(item));
                }
                yield list;
            }
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).isIntegral() ? (Object) ((JsonNumber) v).longValueExact() : ((JsonNumber) v).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }
}
