package online.hypermesh.trustchain.web.json;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** Parses the RFC 6962 add-chain / add-pre-chain body {@code {"chain": [base64 DER, ...]}}. */
public final class AddChainRequestParser {
    private static final String EXAMPLE = "{\"chain\": [\"<base64 DER leaf>\", \"<base64 DER issuer>\"]}";

    private AddChainRequestParser() {
    }

    /** The DER certificates, leaf first. */
    public static List<byte[]> parse(byte[] body) {
        JsonArray array = StrictJsonObject.parse(body, Set.of("chain"), EXAMPLE).array("chain");
        if (array == null) {
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
