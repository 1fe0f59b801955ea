package online.hypermesh.trustchain.sinks.delivery;

import java.time.Duration;

/**
 * Exponential backoff between failed attempts: {@code initial}, then doubling, never more than
 * {@code max}. No jitter: one sender per sink (the lease), so there is no herd to spread out.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " and " + max);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (from 1). */
    public Duration after(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        long initialMs = initial.toMillis();
        long maxMs = max.toMillis();
        // 2^(failures-1) overflows long quickly; beyond 2^40 the cap has long been reached.
        int doublings = Math.min(failures - 1, 40);
        long ms = initialMs << doublings;
        return Duration.ofMillis(ms <= 0 || ms > maxMs ? maxMs : ms);
    }
}
