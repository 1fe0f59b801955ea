package online.hypermesh.trustchain.sinks.outbox;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One audit event at its position in the chain, as a sink delivers it.
 *
 * @param seq      position in the audit chain (from 1): the order every sink delivers in
 * @param hash     the chain hash at that position (SHA-256, 32 bytes)
 * @param objectId null when the event has none
 * @param details  the event's small key/value details, sorted by key
 */
public record OutboxEvent(long seq, byte[] hash, long eventId, Instant occurredAt, String node, String actor, String action,
                          String objectType, String objectId, SortedMap<String, String> details) {

    public OutboxEvent {
        Objects.requireNonNull(hash);
        Objects.requireNonNull(occurredAt);
        details = new TreeMap<>(details);
    }

    public OutboxEvent(long seq, byte[] hash, long eventId, Instant occurredAt, String node, String actor, String action,
                       String objectType, String objectId, Map<String, String> details) {
        this(seq, hash, eventId, occurredAt, node, actor, action, objectType, objectId, new TreeMap<>(details));
    }

    /**
     * The idempotency key: the chain hash in hex. It names exactly one event in one audit chain
     * (the hash covers the position, the event and everything before it), so a receiver that sees
     * a key twice has seen the same event twice, and an auditor can check it against the chain.
     */
    public String idempotencyKey() {
        return HexFormat.of().formatHex(hash);
    }
}
