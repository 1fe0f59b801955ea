package online.hypermesh.trustchain.sinks.s3;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import online.hypermesh.trustchain.sinks.delivery.Backoff;
import online.hypermesh.trustchain.sinks.delivery.RetrySchedule;
import online.hypermesh.trustchain.sinks.delivery.SinkLag;
import online.hypermesh.trustchain.sinks.outbox.EventOutbox;

/**
 * At-least-once archiving of the audit chain to S3, one step per {@link #tick} (the archive
 * route's timer): take the sink's lease in the outbox, cut the segment after the cursor
 * ({@link AuditSegments}), write it, and only then move the cursor to its last position (a
 * transaction of its own). A crash between the write and the cursor's commit writes the same
 * segment again on the next step: same key, same bytes, so at least once is also exactly one
 * object per range. A failure (the store unreachable or refusing, the database away) changes
 * nothing: the next attempt, after an exponential backoff, starts from the same cursor.
 *
 * <p>No dead letters here: an archive with a hole breaks the chain it is there to prove, so an
 * object the store refuses is retried (and logged) until someone fixes the bucket, and the lag
 * shows it. Nothing here runs on the path of issuance. Not thread-safe: one timer thread calls it.
 */
public final class S3ArchiveDelivery {
    private static final Logger LOG = Logger.getLogger(S3ArchiveDelivery.class.getName());
    public static final String SINK = "s3";
    /** Most segments written in one step, so a backlog does not hold the lease renewal back for long. */
    static final int SEGMENTS_PER_STEP = 20;

    /** Writes one segment under its key; returns once the store took it. */
    @FunctionalInterface
    public interface Writer {
        void write(String key, AuditSegment segment) throws IOException;
    }

    private final EventOutbox outbox;
    private final AuditSegments segments;
    private final Writer writer;
    private final String prefix;
    private final int maxEvents;
    private final String node;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final SinkLag lag;
    private final AtomicLong written = new AtomicLong();

    public S3ArchiveDelivery(EventOutbox outbox, AuditSegments segments, Writer writer, String prefix, int maxEvents, String node,
                             Backoff backoff, Duration lease, Clock clock) {
        this.outbox = outbox;
        this.segments = segments;
        this.writer = writer;
        this.prefix = prefix;
        this.maxEvents = maxEvents;
        this.node = node;
        this.clock = clock;
        this.schedule = new RetrySchedule(outbox, SINK, node, backoff, lease);
        this.lag = new SinkLag(outbox, SINK);
        outbox.register(SINK);
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
                return;
            }
            for (int i = 0; i < SEGMENTS_PER_STEP; i++) {
                long cursor = outbox.cursor(SINK);
                Optional<AuditSegment> next = segments.next(cursor, maxEvents);
                if (next.isEmpty()) {
                    break;
                }
                AuditSegment s = next.get();
                writer.write(s.key(prefix), s);
                outbox.advance(SINK, s.last());
                written.incrementAndGet();
            }
            schedule.succeeded();
            lag.refresh(now);
        } catch (IOException | RuntimeException e) {
            schedule.failed(now, e);
            lag.refresh(now);
        }
    }

    /** Events chained but not yet archived, as of the last step (at most {@link SinkLag#REFRESH} old). */
    public long lag() {
        return lag.value();
    }

    /** Segments written since start (rewrites included). */
    public long written() {
        return written.get();
    }

    public int failures() {
        return schedule.failures();
    }

    public String lastError() {
        return schedule.lastError();
    }

    /** Gives up the lease (a clean stop, so another node takes over at once). */
    public void stop() {
        try {
            outbox.release(SINK, node);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "releasing the lease of event sink " + SINK + " failed", e);
        }
    }
}
