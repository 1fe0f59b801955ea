package online.hypermesh.trustchain.ca.acme;

import java.io.StringReader;
import java.util.concurrent.ConcurrentHashMap;

import online.hypermesh.trustchain.bridge.acme.JsonP;
import online.hypermesh.trustchain.bridge.acme.Jwk;

/**
 * The ACME accounts' keys as parsed, by the JWK text stored with the account. Parsing checks the
 * point (a scalar multiplication) and prepares the key for verification, and every request signed
 * by an account needs its key: parsed once, its precomputations are reused. The text is the key,
 * so a key rollover simply finds another entry; at most {@link #MAX} are kept (then all are
 * dropped and parsed again as needed).
 */
final class AccountKeys {
    static final int MAX = 10_000;
    private static final ConcurrentHashMap<String, Jwk> PARSED = new ConcurrentHashMap<>();

    private AccountKeys() {
    }

    static Jwk of(String storedJwk) {
        Jwk key = PARSED.get(storedJwk);
        if (key == null) {
            if (PARSED.size() >= MAX) {
                PARSED.clear();
            }
            key = Jwk.parse(JsonP.JSON.createReader(new StringReader(storedJwk)).readObject());
            PARSED.put(storedJwk, key);
        }
        return key;
    }
}
