package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.Optional;

/** API bearer tokens, stored only as SHA-256 hashes. Writes join the caller's transaction. */
public interface ApiTokenRepository {

    /** The unrevoked token with this hash, if any. */
    Optional<StoredToken> findActiveByHash(byte[] sha256);

    void add(String name, byte[] sha256, String role, Instant createdAt);

    boolean existsWithName(String name);

    record StoredToken(String name, String role) {
    }
}
