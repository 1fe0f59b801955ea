package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API bearer tokens (api_token), each a credential of one account, stored only as SHA-256
 * hashes. Rows are never deleted; revocation sets revoked_at.
 *
 * <p>Durability: {@link #add} and {@link #revoke} join the caller's transaction and are durable
 * when it commits, so a token and the audit event that announces it commit together. Hashes are
 * unique, and names are unique within an account: a duplicate fails the transaction with CONFLICT.
 *
 * <p>Concurrency: reads take no lock and see committed rows, so a token works, or stops working,
 * on every node as soon as the transaction that changed it commits. Thread-safe.
 */
public interface ApiTokenRepository {

    /**
     * The account behind an unrevoked, unexpired token of an enabled account, if any: one
     * indexed query, so every node may ask it on every request it does not answer from a short cache.
     */
    Optional<TokenHolder> findActiveByHash(byte[] sha256, Instant now);

    StoredToken add(long accountId, String name, byte[] sha256, Instant createdAt, Instant expiresAt);

    List<StoredToken> list(long accountId);

    Optional<StoredToken> find(long accountId, long tokenId);

    /** Sets revoked_at if it is not set yet; returns whether it changed. */
    boolean revoke(long tokenId, Instant at, String by);

    record StoredToken(long id, long accountId, String name, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }

    /** The account name and roles a token authenticates, and the networks it may call from (empty: anywhere). */
    record TokenHolder(String accountName, List<String> roles, List<String> allowedNetworks) {
        public TokenHolder {
            roles = List.copyOf(roles);
            allowedNetworks = List.copyOf(allowedNetworks);
        }
    }
}
