package online.hypermesh.trustchain.sinks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import online.hypermesh.trustchain.sinks.outbox.EventOutbox;

/**
 * A sink's lag as its gauge shows it: the events chained but not yet past its cursor, read from
 * the outbox after each step and, while a backoff keeps the delivery from stepping, every
 * {@link #REFRESH}, so the gauge follows the chain when it matters most.
 */
public final class SinkLag {
    /** How often the lag is read while a backoff keeps the delivery from running. */
    public static final Duration REFRESH = Duration.ofSeconds(5);

    private final EventOutbox outbox;
    private final String sink;
    private final AtomicLong lag = new AtomicLong();
    private Instant refreshAt = Instant.MIN;

    public SinkLag(EventOutbox outbox, String sink) {
        this.outbox = outbox;
        this.sink = sink;
    }

    /** Reads the lag now. */
    public void refresh(Instant now) {
        refreshAt = now.plus(REFRESH);
        try {
            lag.set(outbox.lag(sink));
        } catch (RuntimeException e) {
            // the database is away too; the gauge keeps its last value
        }
    }

    /** Reads the lag if {@link #REFRESH} has passed since it was last read. */
    public void refreshIfDue(Instant now) {
        if (!now.isBefore(refreshAt)) {
            refresh(now);
        }
    }

    /** The lag as last read (at most {@link #REFRESH} old while the delivery waits). */
    public long value() {
        return lag.get();
    }
}
