package online.hypermesh.trustchain.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells workers which phase a request they are about to send belongs to, or that they must stop. A request counts
 * in the phase that was active when it started; with a fixed request count only that many measured requests start.
 */
final class RunControl {
    private final long measuredLimit;
    private final AtomicLong measuredStarted = new AtomicLong();
    private volatile PhaseStats active;
    /** Pacing: the n-th admitted request may start at {@code paceStart + n * interval}. */
    private final long intervalNanos;
    private final AtomicLong paced = new AtomicLong();
    private volatile long paceStart;

    /** @param measuredLimit number of measured requests, or 0 for no limit (the run is stopped by time) */
    RunControl(long measuredLimit) {
        this(measuredLimit, 0);
    }

    /** @param rate requests started per second at most, 0 for no cap */
    RunControl(long measuredLimit, double rate) {
        this.measuredLimit = measuredLimit;
        this.intervalNanos = rate > 0 ? (long) (1_000_000_000L / rate) : 0;
    }

    void start(PhaseStats phase, long nanos) {
        phase.markStarted(nanos);
        if (paceStart == 0) {
            paceStart = nanos;
        }
        active = phase;
    }

    void stop() {
        active = null;
    }

    PhaseStats active() {
        return active;
    }

    /** The phase the next request belongs to, or null if the worker must stop. */
    PhaseStats admit() {
        PhaseStats phase = active;
        if (phase == null) {
            return null;
        }
        if (measuredLimit > 0 && phase.measured() && measuredStarted.incrementAndGet() > measuredLimit) {
            return null;
        }
        if (intervalNanos > 0) {
            long due = paceStart + paced.getAndIncrement() * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                if (active == null) {
                    return null;
                }
            }
            return active;
        }
        return phase;
    }
}
