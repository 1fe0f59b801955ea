package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identifiers (URI SANs) whose TLS client certificates authenticate as an account
 * (account_client_identity). Rows are never deleted; removal sets removed_at.
 *
 * <p>Durability: {@link #add} and {@link #remove} join the caller's transaction and are durable
 * when it commits, together with the audit event that announces them. An identifier has at most
 * one live binding (a partial unique index): binding one that another account holds fails the
 * transaction with CONFLICT, so two concurrent binds cannot both win.
 *
 * <p>Concurrency: reads take no lock and see committed rows, so a binding works, or stops
 * working, on every node as soon as its transaction commits. Thread-safe.
 */
public interface ClientIdentityRepository {

    /**
     * The live bindings of these identifiers to enabled accounts: one indexed query, asked by the
     * authenticator for a certificate it has not seen within its short cache.
     */
    List<BoundAccount> findLive(Collection<String> identifiers);

    /** The account that holds the live binding of each identifier that has one (for the registration authority). */
    Map<String, String> owners(Collection<String> identifiers);

    BoundIdentity add(long accountId, String identifier, Instant createdAt, String createdBy);

    List<BoundIdentity> list(long accountId);

    Optional<BoundIdentity> find(long accountId, long bindingId);

    /** Sets removed_at if it is not set yet; returns whether it changed. */
    boolean remove(long bindingId, Instant at, String by);

    record BoundIdentity(long id, long accountId, String identifier, Instant createdAt, String createdBy, Instant removedAt,
                         String removedBy) {
    }

    /**
     * An enabled account a live binding authenticates: its name, roles and allowlist (empty:
     * anywhere), and since when the identifier is bound to it.
     */
    record BoundAccount(String identifier, Instant boundAt, String accountName, List<String> roles, List<String> allowedNetworks) {
        public BoundAccount {
            roles = List.copyOf(roles);
            allowedNetworks = List.copyOf(allowedNetworks);
        }
    }
}
