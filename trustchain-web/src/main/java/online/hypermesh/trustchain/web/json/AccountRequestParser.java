package online.hypermesh.trustchain.web.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import online.hypermesh.trustchain.ca.api.AccountSpec;
import online.hypermesh.trustchain.ca.api.ScopeView;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Parses the bodies of {@code /api/v1/accounts}: an account to create, a change to one, a token
 * to create. Unknown fields are refused, so a misspelt "scopes" cannot silently grant nothing.
 */
public final class AccountRequestParser {
    static final String EXAMPLE = "{\"name\": \"payments\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"dns\","
            + " \"value\": \"payments.hypermesh.online\", \"subdomains\": true, \"wildcard\": false}, {\"type\": \"ip\","
            + " \"value\": \"2001:db8:1::/48\"}, {\"type\": \"uri\", \"value\": \"spiffe://hypermesh.online/payments/\"}],"
            + " \"profiles\": [\"server\", \"client\"], \"regions\": [\"*\"], \"max_validity_hours\": 24}";
    private static final Set<String> FIELDS = Set.of("name", "roles", "scopes", "profiles", "regions", "max_validity_hours");
    private static final Set<String> SCOPE_FIELDS = Set.of("type", "value", "subdomains", "wildcard");
    private static final String TOKEN_EXAMPLE = "{\"name\": \"ci\", \"expires_at\": \"2027-03-01T00:00:00Z\"}";

    private AccountRequestParser() {
    }

    public static AccountSpec create(byte[] body) {
        StrictJsonObject o = StrictJsonObject.parse(body, FIELDS, EXAMPLE);
        return new AccountSpec(o.string("name"), strings(o, "roles"), scopes(o), strings(o, "profiles"), strings(o, "regions"),
                o.integer("max_validity_hours"), false);
    }

    /** A change: absent fields keep their value; {@code "max_validity_hours": null} removes the limit. */
    public static AccountSpec change(byte[] body) {
        StrictJsonObject o = StrictJsonObject.parse(body, FIELDS, EXAMPLE);
        Integer max = o.integer("max_validity_hours");
        return new AccountSpec(o.string("name"), strings(o, "roles"), scopes(o), strings(o, "profiles"), strings(o, "regions"),
                max, o.has("max_validity_hours") && max == null);
    }

    public record TokenRequest(String name, Instant expiresAt) {
    }

    public static TokenRequest token(byte[] body) {
        StrictJsonObject o = StrictJsonObject.parse(body, Set.of("name", "expires_at"), TOKEN_EXAMPLE);
        String expires = o.string("expires_at");
        Instant at = null;
        if (expires != null) {
            try {
                at = Instant.parse(expires);
            } catch (DateTimeParseException e) {
                throw TrustChainException.malformed("expires_at '" + expires + "' is not an RFC 3339 UTC time such as 2027-03-01T00:00:00Z");
            }
        }
        return new TokenRequest(o.string("name"), at);
    }

    private static final String ALLOWLIST_EXAMPLE = "{\"networks\": [\"2001:db8:1::/48\", \"192.0.2.0/24\"]}";

    /** {@code {"networks": [...]}}: CIDR prefixes an account's requests must come from; [] is anywhere. */
    public static List<String> allowlist(byte[] body) {
        StrictJsonObject o = StrictJsonObject.parse(body, Set.of("networks"), ALLOWLIST_EXAMPLE);
        List<String> networks = strings(o, "networks");
        if (networks == null) {
            throw TrustChainException.malformed("field 'networks' is required, e.g. " + ALLOWLIST_EXAMPLE + "; [] allows anywhere");
        }
        return networks;
    }

    private static final String CLIENT_IDENTITY_EXAMPLE = "{\"identifier\": \"spiffe://hypermesh.online/ops/alice\"}";

    /** {@code {"identifier": "<URI>"}}: the URI SAN of an account's TLS client certificates. */
    public static String clientIdentity(byte[] body) {
        String identifier = StrictJsonObject.parse(body, Set.of("identifier"), CLIENT_IDENTITY_EXAMPLE).string("identifier");
        if (identifier == null) {
            throw TrustChainException.malformed("field 'identifier' is required, e.g. " + CLIENT_IDENTITY_EXAMPLE);
        }
        return identifier;
    }

    private static List<String> strings(StrictJsonObject o, String field) {
        JsonArray a = o.array(field);
        if (a == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonValue v : a) {
            if (!(v instanceof JsonString s)) {
                throw TrustChainException.malformed("field '" + field + "' must be an array of strings, e.g. " + EXAMPLE);
            }
            out.add(s.getString());
        }
        return out;
    }

    private static List<ScopeView> scopes(StrictJsonObject o) {
        JsonArray a = o.array("scopes");
        if (a == null) {
            return null;
        }
        List<ScopeView> out = new ArrayList<>();
        for (JsonValue v : a) {
            if (!(v instanceof JsonObject s)) {
                throw TrustChainException.malformed("each scope is an object such as {\"type\": \"dns\", \"value\": \"payments.hypermesh.online\","
                        + " \"subdomains\": true}");
            }
            for (String key : s.keySet()) {
                if (!SCOPE_FIELDS.contains(key)) {
                    throw TrustChainException.malformed("scope field '" + key + "' is not one of " + SCOPE_FIELDS.stream().sorted().toList());
                }
            }
            out.add(new ScopeView(text(s, "type"), text(s, "value"), flag(s, "subdomains"), flag(s, "wildcard")));
        }
        return out;
    }

    private static String text(JsonObject s, String key) {
        JsonValue v = s.get(key);
        if (!(v instanceof JsonString str)) {
            throw TrustChainException.malformed("scope field '" + key + "' must be a string");
        }
        return str.getString();
    }

    private static boolean flag(JsonObject s, String key) {
        JsonValue v = s.get(key);
        if (v == null || v == JsonValue.NULL || v == JsonValue.FALSE) {
            return false;
        }
        if (v == JsonValue.TRUE) {
            return true;
        }
        throw TrustChainException.malformed("scope field '" + key + "' must be true or false");
    }
}
