package online.hypermesh.trustchain.bridge.acme;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider, looked up once. {@code jakarta.json.Json}'s static methods look the
 * provider up on every call (a ServiceLoader scan of every jar of the deployment), which made
 * parsing a JWS and building a reply the largest cost of an ACME request under load.
 */
public final class JsonP {
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonP() {
    }
}
