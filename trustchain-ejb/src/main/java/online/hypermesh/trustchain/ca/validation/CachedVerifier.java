package online.hypermesh.trustchain.ca.validation;

import java.util.Objects;
import java.util.function.Supplier;

import online.hypermesh.trustchain.witness.verifier.ChainVerifier;

/**
 * The verifier the validation bean reuses between requests, with its HTTP client (kept-alive
 * connections to the OCSP responder and the log, one TLS handshake instead of one per request) and
 * its briefly kept checkpoint. Rebuilt when what it was built from changes (a root rollover
 * rewrites roots.pem; the log's key or the witnesses are fixed for a deployment's life).
 */
final class CachedVerifier {
    private record Built(String key, ChainVerifier verifier) {
    }

    private volatile Built built;

    /** @param key everything the verifier is built from, as one string */
    ChainVerifier get(String key, Supplier<ChainVerifier> build) {
        Built b = built;
        if (b != null && Objects.equals(b.key(), key)) {
            return b.verifier();
        }
        synchronized (this) {
            b = built;
            if (b == null || !Objects.equals(b.key(), key)) {
                b = new Built(key, build.get());
                built = b;
            }
            return b.verifier();
        }
    }
}
