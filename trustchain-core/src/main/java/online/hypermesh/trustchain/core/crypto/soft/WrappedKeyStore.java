package online.hypermesh.trustchain.core.crypto.soft;

import java.util.Optional;

/**
 * Where the software token keeps its wrapped keys (PostgreSQL in the server, memory in tests).
 *
 * <p>Contract: {@link #insert} is durable once the surrounding transaction commits (or at once
 * when there is none); it fails rather than overwrite an existing alias. Keys are never updated
 * or deleted through this port. Both methods are safe to call concurrently.
 */
public interface WrappedKeyStore {

    Optional<WrappedKey> find(String alias);

    /** Stores a new key; throws a CONFLICT TrustChainException if the alias is taken. */
    void insert(WrappedKey key);
}
