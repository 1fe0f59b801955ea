package online.hypermesh.trustchain.web.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** Parses the body of {@code PUT /api/v1/dns/records/{name}}: exactly {@code {"aaaa": [strings]}}. */
public final class DnsRecordsRequestParser {
    private static final String EXAMPLE = "{\"aaaa\": [\"2001:db8::1\"]}";

    private DnsRecordsRequestParser() {
    }

    /** The addresses as written; the application checks that each is an IPv6 address. */
    public static List<String> aaaa(byte[] body) {
        JsonArray aaaa = StrictJsonObject.parse(body, Set.of("aaaa"), EXAMPLE).array("aaaa");
        if (aaaa == null) {
            throw TrustChainException.malformed("field 'aaaa' must be an array of IPv6 addresses, e.g. " + EXAMPLE);
        }
        List<String> result = new ArrayList<>();
        for (JsonValue v : aaaa) {
            if (!(v instanceof JsonString s)) {
                throw TrustChainException.malformed("field 'aaaa' must hold strings such as \"2001:db8::1\"");
            }
            result.add(s.getString());
        }
        return result;
    }
}
