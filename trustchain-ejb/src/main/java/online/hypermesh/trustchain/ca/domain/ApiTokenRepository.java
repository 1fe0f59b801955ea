package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * API bearer tokens (api_token), stored only as SHA-256 hashes. Rows are never deleted.
 *
 * <p>Durability: {@link #add} joins the caller's transaction and is durable when it commits, so a
 * token and the audit event that announces it commit together. Names and hashes are unique: a
 * duplicate fails the transaction, at the latest when it commits.
 *
 * <p>Concurrency: reads take no lock and see committed rows, so a token works on every node as soon
 * as the transaction that added it commits. {@link #existsWithName} then {@link #add} is not atomic;
 * a caller that must create a name exactly once holds a lock around both (bootstrap holds
 * {@link AuthorityRepository#lockForBootstrap}). Thread-safe.
 */
public interface ApiTokenRepository {

    /** The unrevoked token with this hash, if any. */
    Optional<StoredToken> findActiveByHash(byte[] sha256);

    void add(String name, byte[] sha256, String role, Instant createdAt);

    boolean existsWithName(String name);

    record StoredToken(String name, String role) {
    }
}
