package online.hypermesh.trustchain.web.json;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** Parses the RFC 6962 add-chain / add-pre-chain body {@code {"chain": [base64 DER, ...]}}. */
public final class AddChainRequestParser {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String EXAMPLE = "{\"chain\": [\"<base64 DER leaf>\", \"<base64 DER issuer>\"]}";

    private AddChainRequestParser() {
    }

    /** The DER certificates, leaf first. */
    public static List<byte[]> parse(byte[] body) {
        JsonObject json;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw TrustChainException.malformed("the body must be a JSON object like " + EXAMPLE);
            }
            json = value.asJsonObject();
        } catch (JsonParsingException e) {
            throw TrustChainException.malformed("the body is not valid JSON: " + e.getMessage());
        } catch (JsonException e) {
            throw TrustChainException.malformed("the body is not valid JSON");
        }
        JsonValue chain = json.get("chain");
        if (!(chain instanceof JsonArray array)) {
            throw TrustChainException.malformed("field 'chain' is required: an array of base64 DER certificates, leaf first, like " + EXAMPLE);
        }
        if (array.isEmpty()) {
            throw TrustChainException.malformed("field 'chain' is empty; send the leaf first, then its issuers");
        }
        List<byte[]> certificates = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString s)) {
                throw TrustChainException.malformed("chain[" + i + "] must be a base64 string");
            }
            try {
                certificates.add(Base64.getDecoder().decode(s.getString()));
            } catch (IllegalArgumentException e) {
                throw TrustChainException.malformed("chain[" + i + "] is not valid base64: " + e.getMessage());
            }
        }
        return certificates;
    }
}
