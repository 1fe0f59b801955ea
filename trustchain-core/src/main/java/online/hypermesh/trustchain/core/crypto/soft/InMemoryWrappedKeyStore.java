package online.hypermesh.trustchain.core.crypto.soft;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** A {@link WrappedKeyStore} in memory: for tests and tools; the server stores keys in PostgreSQL. */
public final class InMemoryWrappedKeyStore implements WrappedKeyStore {
    private final ConcurrentMap<String, WrappedKey> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<WrappedKey> find(String alias) {
        return Optional.ofNullable(keys.get(alias));
    }

    @Override
    public void insert(WrappedKey key) {
        if (keys.putIfAbsent(key.alias(), key) != null) {
            throw new TrustChainException(ErrorKind.CONFLICT, "a key with alias " + key.alias() + " already exists");
        }
    }
}
