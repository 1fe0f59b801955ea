package online.hypermesh.trustchain.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one phase (warm-up or measurement) recorded: latency of successful requests in microseconds, and outcome
 * counts. Recording is safe from any number of worker threads; reading is done by one reporter at a time.
 */
final class PhaseStats {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final String name;
    private final boolean measured;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private final OutcomeCounter outcomes = new OutcomeCounter();
    private volatile long startNanos;

    PhaseStats(String name, boolean measured) {
        this.name = name;
        this.measured = measured;
    }

    String name() {
        return name;
    }

    boolean measured() {
        return measured;
    }

    void markStarted(long nanos) {
        startNanos = nanos;
    }

    long startNanos() {
        return startNanos;
    }

    void success(long latencyMicros) {
        recorder.recordValue(Math.max(latencyMicros, 1));
        outcomes.success();
    }

    void failure(String key) {
        outcomes.failure(key);
    }

    OutcomeCounter outcomes() {
        return outcomes;
    }

    /** Latencies recorded since the previous call; they are also kept in the phase total. */
    synchronized Histogram drainInterval() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    /** All latencies of the phase so far. */
    synchronized Histogram total() {
        drainInterval();
        return total.copy();
    }
}
