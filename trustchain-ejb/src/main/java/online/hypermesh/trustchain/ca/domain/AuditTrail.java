package online.hypermesh.trustchain.ca.domain;

/**
 * The append-only audit trail (audit_event). Events are never updated or deleted.
 *
 * <p>Durability: {@link #record} and {@link #recordAll} join the caller's transaction: an event
 * commits with the change it describes, or neither does; a crash before the commit loses both.
 * Called without a transaction, each call commits at once on its own.
 *
 * <p>Concurrency: appends lock only the rows they insert, so writers never wait for each other.
 * Ids and times follow insertion, not commit order: an event may become visible after one with a
 * higher id. Thread-safe.
 */
public interface AuditTrail {
    void record(AuditEvent event);

    /** Several events in one round trip (bulk operations such as revoke-all); same transaction rules. */
    void recordAll(java.util.List<AuditEvent> events);
}
