package online.hypermesh.trustchain.ca.domain;

/**
 * The append-only audit trail. {@link #record} joins the caller's transaction: the event
 * commits with the change it describes, or neither does.
 */
public interface AuditTrail {
    void record(AuditEvent event);
}
