package online.hypermesh.trustchain.ct.log;

import java.time.Duration;

/**
 * Tuning of the {@link Sequencer}.
 *
 * @param flushPeriod  pause between two flushes of the pool; bounds the time a submission waits
 *                     before its batch starts (the log sits beside its CA, so a few ms)
 * @param maxBatch     most entries integrated in one transaction
 * @param maxPending   most submissions waiting in the pool; beyond it submitters get 503
 * @param headRefresh  an idle log still signs a fresh tree head this often, so /checkpoint and
 *                     get-sth stay recent
 * @param leaderRetry  how often a node without the lead tries to take it
 */
public record SequencerSettings(Duration flushPeriod, int maxBatch, int maxPending, Duration headRefresh, Duration leaderRetry) {

    public SequencerSettings {
        if (flushPeriod.isNegative() || flushPeriod.isZero() || maxBatch < 1 || maxPending < 1
                || headRefresh.isNegative() || headRefresh.isZero() || leaderRetry.isNegative() || leaderRetry.isZero()) {
            throw new IllegalArgumentException("sequencer settings must be positive");
        }
    }

    public static SequencerSettings defaults() {
        return new SequencerSettings(Duration.ofMillis(5), 4096, 100_000, Duration.ofSeconds(30), Duration.ofSeconds(1));
    }
}
