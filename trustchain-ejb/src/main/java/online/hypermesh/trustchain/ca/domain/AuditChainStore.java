package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import online.hypermesh.trustchain.core.audit.AuditRecord;

/**
 * The hash chain over the audit trail and its signed checkpoints (audit_chain, audit_checkpoint),
 * fed from the queue of committed, unchained events (audit_unchained, filled by a trigger in the
 * transaction of each event, so no committed event can miss the chain).
 *
 * <p>Durability: every method joins the caller's transaction. Chaining a batch is one
 * transaction under {@link #lockChain}: the chain rows and the removal of their ids from the
 * queue commit together, so a crash leaves either the whole batch chained or the whole batch still
 * queued, never a gap or a double. The tables refuse UPDATE, DELETE and TRUNCATE (triggers).
 *
 * <p>Concurrency: {@link #lockChain} is a transaction-scoped advisory lock, so one node at a
 * time appends; readers take no lock. Thread-safe.
 */
public interface AuditChainStore {

    /** Serializes appenders across nodes until the transaction ends. */
    void lockChain();

    /** The last position and its hash; empty before the first event is chained. */
    Optional<Head> head();

    /** Queued events in id order (ids are insertion order; commit order may differ, which is why positions are given here). */
    List<Unchained> unchained(int limit);

    /** Appends the entries (positions contiguous after the head) and removes their ids from the queue. */
    void append(List<Entry> entries);

    /** How many committed events wait to be chained (the sealer's lag). */
    long unchainedCount();

    void addCheckpoint(Checkpoint checkpoint);

    Optional<Checkpoint> latestCheckpoint();

    /** The first checkpoint whose size is at least {@code size}. */
    Optional<Checkpoint> firstCheckpointCovering(long size);

    /** Checkpoints with sizes in [from, to], ascending. */
    List<Checkpoint> checkpoints(long fromSize, long toSize);

    /** Chained events at positions [from, to], ascending, with their stored hashes. */
    List<Chained> chained(long fromSeq, long toSeq);

    /** The stored hash at a position. */
    Optional<byte[]> hashAt(long seq);

    /** The first position of an event that occurred at or after {@code time}; empty if none. */
    Optional<Long> firstSeqAtOrAfter(Instant time);

    /** The last position of an event that occurred before {@code time}; empty if none. */
    Optional<Long> lastSeqBefore(Instant time);

    /** Events (chained or not) with id greater than {@code afterId}, ascending, at most {@code limit}, optionally filtered (null: not). */
    List<Listed> page(long afterId, int limit, String action, String actor, Instant from, Instant to, String objectId);

    record Head(long seq, byte[] hash) {
    }

    /** A queued event with the fields the chain hashes, as the database returns them. */
    record Unchained(long id, Instant occurredAt, String node, String actor, String action, String objectType, String objectId,
                     String details) {
        public AuditRecord at(long seq) {
            return new AuditRecord(seq, id, occurredAt, node, actor, action, objectType, objectId, details);
        }
    }

    record Entry(long seq, long eventId, byte[] hash) {
    }

    record Chained(AuditRecord record, byte[] hash) {
    }

    /** @param seq null while the event waits to be chained */
    record Listed(AuditRecord record, Long seq) {
    }

    record Checkpoint(long size, byte[] head, Instant signedAt, String node, String text, byte[] signature) {
    }
}
