package online.hypermesh.trustchain.ca.domain;

import java.util.List;

/**
 * The CA hierarchy as stored (certificate_authority). Rows are never deleted.
 *
 * <p>Durability: writes join the caller's transaction and are durable when it commits; they are
 * flushed at once, so a broken constraint (two active authorities in one region) fails the call
 * itself, and the transaction must then roll back. A crash before the commit leaves the
 * hierarchy as it was.
 *
 * <p>Concurrency: {@link #findAll} takes no lock and sees committed rows plus the caller's own
 * writes. {@link #retire} locks the authority's row until the transaction ends. Every change to
 * the hierarchy (bootstrap, rollover) takes {@link #lockForBootstrap} first and reads the
 * hierarchy after it, so two nodes never create or roll over the same authority. Thread-safe.
 */
public interface AuthorityRepository {
    List<AuthorityRecord> findAll();

    void add(AuthorityRecord authority);

    /**
     * Marks an active authority retired in favour of {@code successorId} (which must be added
     * afterwards: one active authority per region). Its certificates stay verifiable; it keeps
     * publishing CRLs and answering OCSP until it expires.
     */
    void retire(String id, String successorId, java.time.Instant at);

    /**
     * Marks an intermediate revoked by its parent with {@code reason} (an RFC 5280 reason name) at
     * {@code at}: its parent's CRLs list it and its parent's OCSP responder answers revoked for it
     * (RevocationStore reads these columns). Returns false if it was revoked already. Final.
     */
    boolean revoke(String id, String reason, java.time.Instant at);

    /**
     * Serialises changes to the hierarchy (first-start bootstrap, key rollover) across nodes
     * sharing one database: a transaction-scoped PostgreSQL advisory lock, waited for and then held
     * until the caller's transaction ends (commit or rollback). Without a transaction it would be
     * released at once, so callers hold one.
     */
    void lockForBootstrap();
}
