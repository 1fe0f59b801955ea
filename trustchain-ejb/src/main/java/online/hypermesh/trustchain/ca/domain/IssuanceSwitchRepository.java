package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The stored issuance switches: the global one (the single row of issuance_control, V4) and the
 * stop per authority (certificate_authority.issuance_stopped_*, V9).
 *
 * <p>Durability: {@link #set} and {@link #stopAuthority} join the caller's transaction and are
 * durable when it commits, so a switch and the audit event that records who turned it commit
 * together, or neither does.
 *
 * <p>Concurrency: {@link #current} takes no lock and reads the committed row; readers that cache
 * it (IssuanceGate) decide how stale it may be. The two {@code forIssuance} reads are the ones
 * that decide: they take a shared transaction-scoped lock on the switch and then read it, and
 * {@link #set} and {@link #stopAuthority} take the same lock exclusively before writing. So a
 * change waits for every issuing transaction (on any node) that read the old value, and every
 * issuing transaction that starts reading after the change began waits for it and reads the new
 * value: once the change has committed, no transaction that read "open" can still commit.
 * Concurrent changes apply one after the other; the last to commit wins. Thread-safe.
 */
public interface IssuanceSwitchRepository {
    IssuanceSwitch current();

    /** The global switch, read under its shared lock (held until the caller's transaction ends). */
    IssuanceSwitch currentForIssuance();

    /** Writes the global switch after taking its lock exclusively (waits for issuing transactions in flight). */
    void set(IssuanceSwitch value);

    /** The authority's issuance state, read under its shared lock; empty for an unknown id. */
    Optional<AuthorityIssuance> authorityForIssuance(String authorityId);

    /** The authority's issuance state without a lock (for reports). */
    Optional<AuthorityIssuance> authority(String authorityId);

    /**
     * Stops issuance from the authority after taking its lock exclusively; a stop already in
     * place is kept as it was (first stop wins). Returns true if this call stopped it.
     */
    boolean stopAuthority(String authorityId, String by, String reason, Instant at);
}
