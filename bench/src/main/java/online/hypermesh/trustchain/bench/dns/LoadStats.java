package online.hypermesh.trustchain.bench.dns;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latencies (microseconds) and failures, shared by all workers; {@link #reset} starts the measured phase. */
final class LoadStats {

    private final Recorder latencies = new Recorder(3);
    private final LongAdder ok = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    void success(long latencyNanos) {
        latencies.recordValue(Math.max(1, latencyNanos / 1000));
        ok.increment();
    }

    void failure(String kind) {
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void reset() {
        latencies.getIntervalHistogram();
        ok.reset();
        failures.clear();
    }

    /** Summary of everything since the last reset, over the given measured seconds. */
    String summary(String label, double seconds) {
        Histogram h = latencies.getIntervalHistogram();
        long n = ok.sum();
        long failed = failures.values().stream().mapToLong(LongAdder::sum).sum();
        return String.format(Locale.ROOT,
                "%s: %d answered, %d failed %s in %.1f s = %.0f queries/s; latency ms p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f%n"
                        + "RESULT mode=%s qps=%.0f p50_ms=%.3f p99_ms=%.3f failed=%d",
                label, n, failed, failures.isEmpty() ? "" : failures.toString(), seconds, n / seconds,
                ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0,
                label, n / seconds, ms(h, 50), ms(h, 99), failed);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
