package online.hypermesh.trustchain.bridge.acme;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;

/**
 * The "identifiers" of a newOrder (RFC 8555 7.1.4, 7.4): type "dns" only here, each a DNS name
 * in lower case A-labels, optionally a wildcard "*." in front (which only dns-01 can validate).
 */
public final class Identifiers {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX = 100;

    private Identifiers() {
    }

    /** The order's names, canonical and without duplicates, in the order given. */
    public static List<String> dnsNames(JsonObject payload) {
        JsonValue value = payload.get("identifiers");
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new AcmeProblem(Type.MALFORMED, "newOrder needs a non-empty \"identifiers\" array");
        }
        if (array.size() > MAX) {
            throw new AcmeProblem(Type.REJECTED_IDENTIFIER, "an order may have at most " + MAX + " identifiers");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonObject id) || !(id.get("type") instanceof JsonString type) || !(id.get("value") instanceof JsonString name)) {
                throw new AcmeProblem(Type.MALFORMED, "each identifier is {\"type\": ..., \"value\": ...}");
            }
            if (!type.getString().equals("dns")) {
                throw new AcmeProblem(Type.UNSUPPORTED_IDENTIFIER, "identifier type '" + type.getString() + "' is not supported; this CA validates \"dns\" only");
            }
            names.add(canonical(name.getString()));
        }
        return new ArrayList<>(names);
    }

    /** A DNS identifier as the CA compares it, or rejectedIdentifier saying why not. */
    public static String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String base = n.startsWith("*.") ? n.substring(2) : n;
        try {
            base = IDN.toASCII(base, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new AcmeProblem(Type.REJECTED_IDENTIFIER, "'" + name + "' is not a DNS name: " + e.getMessage());
        }
        if (base.endsWith(".") || base.length() > 253 || !base.contains(".")) {
            throw new AcmeProblem(Type.REJECTED_IDENTIFIER, "'" + name + "' is not a fully qualified DNS name without a trailing dot");
        }
        for (String label : base.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new AcmeProblem(Type.REJECTED_IDENTIFIER, "'" + name + "' has an invalid label '" + label + "'");
            }
        }
        return n.startsWith("*.") ? "*." + base : base;
    }

    /** The name a challenge proves control of: a wildcard's base domain (RFC 8555 7.1.3: "*.x" is authorized at x). */
    public static String validatedName(String identifier) {
        return identifier.startsWith("*.") ? identifier.substring(2) : identifier;
    }
}
