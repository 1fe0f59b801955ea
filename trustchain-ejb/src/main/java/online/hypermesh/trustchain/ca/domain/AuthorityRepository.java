package online.hypermesh.trustchain.ca.domain;

import java.util.List;

/** The CA hierarchy as stored. Writes join the caller's transaction. */
public interface AuthorityRepository {
    List<AuthorityRecord> findAll();

    void add(AuthorityRecord authority);

    /**
     * Serialises first-start bootstrap across nodes sharing one database: holds a
     * transaction-scoped lock until the caller's transaction ends.
     */
    void lockForBootstrap();
}
