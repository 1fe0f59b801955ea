package online.hypermesh.trustchain.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells workers which phase a request they are about to send belongs to, or that they must stop. A request counts
 * in the phase that was active when it started; with a fixed request count only that many measured requests start.
 */
final class RunControl {
    private final long measuredLimit;
    private final AtomicLong measuredStarted = new AtomicLong();
    private volatile PhaseStats active;

    /** @param measuredLimit number of measured requests, or 0 for no limit (the run is stopped by time) */
    RunControl(long measuredLimit) {
        this.measuredLimit = measuredLimit;
    }

    void start(PhaseStats phase, long nanos) {
        phase.markStarted(nanos);
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
        return phase;
    }
}
