package online.hypermesh.trustchain.sinks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import online.hypermesh.trustchain.sinks.outbox.EventOutbox;

/**
 * When one sink's delivery may take its next step: the sink's lease on its outbox row (renewed at
 * half its term, so one node sends for a sink at a time) and the exponential backoff after failed
 * steps. Every delivery of the outbox (the event sinks, the S3 archives) steps by it. Not
 * thread-safe: the delivery's one timer thread uses it.
 */
public final class RetrySchedule {
    private static final Logger LOG = Logger.getLogger(RetrySchedule.class.getName());

    private final EventOutbox outbox;
    private final String sink;
    private final String node;
    private final Backoff backoff;
    private final Duration lease;

    private int failures;
    private Instant retryAt = Instant.MIN;
    private Instant leaseRenewAt = Instant.MIN;
    private volatile String lastError;

    public RetrySchedule(EventOutbox outbox, String sink, String node, Backoff backoff, Duration lease) {
        this.outbox = outbox;
        this.sink = sink;
        this.node = node;
        this.backoff = backoff;
        this.lease = lease;
    }

    /** Whether a step may run at {@code now}: no backoff or lease wait is pending. */
    public boolean due(Instant now) {
        return !now.isBefore(retryAt);
    }

    /**
     * Takes or renews the lease when half of it has passed; false if another node holds it (the
     * next attempt is then half a lease later, when it could have run out).
     */
    public boolean holdLease(Instant now) {
        if (!now.isBefore(leaseRenewAt)) {
            if (!outbox.claim(sink, node, lease)) {
                retryAt = now.plus(lease.dividedBy(2));
                return false;
            }
            leaseRenewAt = now.plus(lease.dividedBy(2));
        }
        return true;
    }

    /** A step went through: the backoff starts again from its first wait. */
    public void succeeded() {
        if (failures > 0) {
            int after = failures;
            LOG.info(() -> "event sink " + sink + " delivers again after " + after + " failed attempts");
        }
        failures = 0;
        lastError = null;
    }

    /** A step failed with {@code e}: the next waits out the backoff (logged at the first failure and every tenth at the cap). */
    public void failed(Instant now, Exception e) {
        failures++;
        Duration wait = backoff.after(failures);
        retryAt = now.plus(wait);
        lastError = e.getMessage();
        Level level = failures == 1 || wait.equals(backoff.max()) && failures % 10 == 0 ? Level.WARNING : Level.FINE;
        LOG.log(level, "event sink " + sink + ": attempt " + failures + " failed (" + e + "); next in " + wait.toMillis() + " ms");
    }

    /** Failed steps in a row. */
    public int failures() {
        return failures;
    }

    /** When the next attempt may run (Instant.MIN: at the next tick). */
    public Instant retryAt() {
        return retryAt;
    }

    public String lastError() {
        return lastError;
    }
}
