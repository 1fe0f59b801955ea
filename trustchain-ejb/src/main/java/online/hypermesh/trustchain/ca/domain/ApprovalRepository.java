package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The approval table (V36).
 *
 * <p>Durability: every method joins the caller's transaction, so an approval commits with its
 * audit event and a decision with the action's effects and their events, or none of them does.
 *
 * <p>Concurrency: {@link #findForUpdate} takes the row lock and {@link #decide} changes a row
 * only while it is pending, so of two concurrent decisions one wins and the other sees the
 * first's outcome. Thread-safe.
 */
public interface ApprovalRepository {
    /** Stores a pending approval and returns it with its id. */
    Approval insert(Approval pending);

    Optional<Approval> find(long id);

    /** The row, locked until the transaction ends (waits for a decision in flight). */
    Optional<Approval> findForUpdate(long id);

    /** The newest first, at most {@code limit}; {@code status} null: all. */
    List<Approval> list(ApprovalStatus status, int limit);

    /**
     * Moves a pending approval to {@code status}; false (and nothing changed) if it is not pending
     * any more. {@code result} may be null.
     */
    boolean decide(long id, ApprovalStatus status, String decidedBy, Instant decidedAt, String reason, Map<String, Object> result);

    /** Records what the action produced on an approval decided already (an action that commits on its own). */
    void complete(long id, ApprovalStatus status, String reason, Map<String, Object> result);
}
