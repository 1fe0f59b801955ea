package online.hypermesh.trustchain.sinks.outbox;

import java.time.Duration;
import java.util.List;

/**
 * The outbox the sinks read: the audit chain (committed events, each with its position) plus one
 * cursor per sink ({@code event_sink.position}: every event at or before it has been handed to
 * the sink) and the dead letters ({@code event_sink_dead_letter}: events a sink can never take,
 * with the reason).
 *
 * <p>Durability contract. Nothing is written on the path of what the events record (issuance,
 * revocation, ...): the audit event is already committed in that transaction, and the chain
 * gives it its position. A sink's cursor is advanced only after the sink accepted the events up
 * to it, each advance in a transaction of its own, and never backwards. A crash (or a lost
 * connection) between the send and the cursor's commit leaves the cursor before those events, so
 * they are sent again: delivery is at least once, in chain order per sink, and receivers dedupe
 * by {@link OutboxEvent#idempotencyKey()}. Parking a dead letter and moving the cursor past it
 * commit together, so a poison event is either parked and skipped or neither. An event is never
 * lost by the outbox: what the cursor passed was accepted by the sink or is in the dead letters.
 *
 * <p>Several nodes may run the same sink: {@link #claim} gives one of them a lease, and only the
 * holder sends. Thread-safe; every method commits on its own (none joins a caller's transaction).
 */
public interface EventOutbox {

    /** Creates the sink's cursor at 0 (the whole chain is delivered) if it does not exist yet. */
    void register(String sink);

    /**
     * Takes or renews the sink's lease for {@code node} for {@code lease}; false while another
     * node holds an unexpired one.
     */
    boolean claim(String sink, String node, Duration lease);

    /** Gives up the lease if {@code node} holds it (a clean stop, so another node takes over at once). */
    void release(String sink, String node);

    /** The sink's cursor: the last position handed to it (0: none yet). */
    long cursor(String sink);

    /** Chained events after position {@code afterSeq}, in chain order, at most {@code limit}. */
    List<OutboxEvent> after(long afterSeq, int limit);

    /** Moves the cursor forward to {@code seq} (never backwards). */
    void advance(String sink, long seq);

    /** Parks {@code event} with the reason and moves the cursor forward to it, in one transaction. */
    void deadLetter(String sink, OutboxEvent event, String reason);

    /** How many chained events the sink has not been handed yet (head position minus cursor). */
    long lag(String sink);

    /** The sink's dead letters, oldest first. */
    List<DeadLetter> deadLetters(String sink, int limit);

    record DeadLetter(String sink, long seq, String reason, java.time.Instant parkedAt) {
    }
}
