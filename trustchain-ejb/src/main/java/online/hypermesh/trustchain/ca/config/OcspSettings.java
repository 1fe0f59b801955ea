package online.hypermesh.trustchain.ca.config;

/**
 * The OCSP responder's memory of signed answers (RFC 5019 profile): how many it keeps. An answer
 * is kept until half its validity has passed and dropped as soon as its certificate's status
 * changes (on this node at once, on the others within about a second).
 */
public record OcspSettings(int cacheEntries) {

    public static final Setting<Integer> CACHE_ENTRIES = Setting.integer("trustchain.ocsp.cache.entries", 100_000, 0, 10_000_000,
            "signed OCSP answers (one certificate, no nonce) kept in memory and served again without a database read or a signature; 0: every answer signed live");

    static OcspSettings read(Settings s) {
        return new OcspSettings(s.get(CACHE_ENTRIES));
    }
}
