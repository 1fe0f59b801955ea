package online.hypermesh.trustchain.sinks.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import online.hypermesh.trustchain.sinks.outbox.EventOutbox;
import online.hypermesh.trustchain.sinks.outbox.OutboxEvent;

/**
 * At-least-once delivery of the outbox to one sink, one step per {@link #tick} (the outbox route's
 * timer calls it): take the lease, read up to a batch after the cursor, render each event, send
 * them in order, and advance the cursor to the last one sent (its own transaction, after the
 * send). An event the sink can never take (it cannot be rendered, or the receiver refuses it for
 * good: {@link RefusedEventException}) is parked in the dead letters (the cursor moves past it in
 * the same transaction) after the events before it were sent; it does not hold up the rest.
 *
 * <p>A failure (the sink unreachable, a write that fails, the database away) changes nothing in
 * the outbox: the next attempt starts from the same cursor after an exponential backoff. When a
 * broken connection is replaced, the last batch sent on it is sent again too, because a receiver
 * that went away may have dropped what it had not read yet; receivers dedupe by idempotency key.
 * Nothing here runs on the path of what the events record, so a sink that is down slows nothing
 * but itself. Not thread-safe: one timer thread calls it.
 */
public final class SinkDelivery {
    private static final Logger LOG = Logger.getLogger(SinkDelivery.class.getName());

    /** The sending step, a Camel route in production. */
    @FunctionalInterface
    public interface Sender {
        void send(List<byte[]> rendered) throws IOException;
    }

    /**
     * @param batchSize most events read and sent in one step
     * @param lease     how long the lease lasts (renewed at half of it)
     */
    public record Options(int batchSize, Backoff backoff, Duration lease) {
    }

    private final EventOutbox outbox;
    private final EventSink sink;
    private final Sender sender;
    private final String node;
    private final Options options;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final SinkLag lag;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    /** How many events before the cursor to send again: the last batch, after its connection broke. */
    private int resend;
    private int lastBatch;

    public SinkDelivery(EventOutbox outbox, EventSink sink, Sender sender, String node, Options options, Clock clock) {
        this.outbox = outbox;
        this.sink = sink;
        this.sender = sender;
        this.node = node;
        this.options = options;
        this.clock = clock;
        this.schedule = new RetrySchedule(outbox, sink.name(), node, options.backoff(), options.lease());
        this.lag = new SinkLag(outbox, sink.name());
        outbox.register(sink.name());
    }

    /** One step; never throws (a failure is logged and retried after the backoff). */
    public void tick() {
        Instant now = clock.instant();
        if (!schedule.due(now)) {
            lag.refreshIfDue(now);
            return;
        }
        try {
            if (!schedule.holdLease(now)) {
                // Another node sends for this sink.
                sink.close();
                return;
            }
            if (sink.connect()) {
                resend = Math.max(resend, lastBatch);
            }
            long cursor = outbox.cursor(sink.name());
            List<OutboxEvent> events = outbox.after(Math.max(0, cursor - resend), options.batchSize());
            deliver(events, cursor);
            resend = 0;
            schedule.succeeded();
            lag.refresh(now);
        } catch (IOException | RuntimeException e) {
            sink.close();
            resend = Math.max(resend, lastBatch);
            schedule.failed(now, e);
            lag.refresh(now);
        }
    }

    private void deliver(List<OutboxEvent> events, long cursor) throws IOException {
        List<OutboxEvent> taken = new ArrayList<>(events.size());
        List<byte[]> batch = new ArrayList<>(events.size());
        int count = 0;
        for (OutboxEvent e : events) {
            byte[] rendered;
            try {
                rendered = sink.render(e);
            } catch (PoisonEventException poison) {
                // What came before goes first, so the cursor never passes an event that was not sent.
                count += flush(taken, batch, cursor);
                taken.clear();
                batch.clear();
                park(e, cursor, poison.getMessage());
                continue;
            }
            taken.add(e);
            batch.add(rendered);
        }
        count += flush(taken, batch, cursor);
        if (!events.isEmpty()) {
            lastBatch = count;
        }
    }

    /**
     * Sends {@code batch} (the rendering of {@code taken}) and moves the cursor past it. An event
     * the receiver refuses for good is parked and the rest of the batch sent after it.
     */
    private int flush(List<OutboxEvent> taken, List<byte[]> batch, long cursor) throws IOException {
        int sentHere = 0;
        int from = 0;
        while (from < batch.size()) {
            try {
                sender.send(List.copyOf(batch.subList(from, batch.size())));
            } catch (RefusedEventException refused) {
                int at = from + refused.index();
                if (refused.index() < 0 || at >= batch.size()) {
                    throw refused;
                }
                if (at > from) {
                    advance(taken.get(at - 1), cursor, at - from);
                    sentHere += at - from;
                }
                park(taken.get(at), cursor, refused.getMessage());
                from = at + 1;
                continue;
            }
            advance(taken.get(batch.size() - 1), cursor, batch.size() - from);
            sentHere += batch.size() - from;
            break;
        }
        return sentHere;
    }

    private void advance(OutboxEvent last, long cursor, int events) {
        if (last.seq() > cursor) {
            outbox.advance(sink.name(), last.seq());
        }
        sent.addAndGet(events);
    }

    /** Parks {@code e} as a dead letter (the cursor moves past it in the same transaction); a resent one was parked already. */
    private void park(OutboxEvent e, long cursor, String reason) {
        if (e.seq() > cursor) {
            outbox.deadLetter(sink.name(), e, reason);
            deadLettered.incrementAndGet();
            LOG.warning(() -> "event sink " + sink.name() + " parked audit event " + e.seq() + " (" + e.action() + "): " + reason);
        }
    }

    /** Events chained but not yet handed to the sink, as of the last step (at most {@link SinkLag#REFRESH} old). */
    public long lag() {
        return lag.value();
    }

    /** Events sent since start (resends included). */
    public long sent() {
        return sent.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public int failures() {
        return schedule.failures();
    }

    /** When the next attempt may run (Instant.MIN: at the next tick). */
    public Instant retryAt() {
        return schedule.retryAt();
    }

    public String lastError() {
        return schedule.lastError();
    }

    /** Gives up the lease and the connection (a clean stop). */
    public void stop() {
        sink.close();
        try {
            outbox.release(sink.name(), node);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "releasing the lease of event sink " + sink.name() + " failed", e);
        }
    }
}
