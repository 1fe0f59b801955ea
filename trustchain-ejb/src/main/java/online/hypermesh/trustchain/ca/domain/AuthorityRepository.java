package online.hypermesh.trustchain.ca.domain;

import java.util.List;

/** The CA hierarchy as stored. Writes join the caller's transaction. */
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
     * Serialises changes to the hierarchy (first-start bootstrap, key rollover) across nodes
     * sharing one database: holds a transaction-scoped lock until the caller's transaction ends.
     */
    void lockForBootstrap();
}
