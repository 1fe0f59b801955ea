package online.hypermesh.trustchain.ca.domain;

/**
 * The append-only audit trail. {@link #record} joins the caller's transaction: the event
 * commits with the change it describes, or neither does.
 */
public interface AuditTrail {
    void record(AuditEvent event);

    /** Several events in one round trip (bulk operations such as revoke-all); same transaction rules. */
    void recordAll(java.util.List<AuditEvent> events);
}
