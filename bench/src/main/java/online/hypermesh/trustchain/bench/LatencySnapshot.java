package online.hypermesh.trustchain.bench;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, from a histogram of microseconds. */
record LatencySnapshot(double p50, double p90, double p99, double p999, double max, double mean) {

    static LatencySnapshot of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySnapshot(0, 0, 0, 0, 0, 0);
        }
        return new LatencySnapshot(
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()),
                micros.getMean() / 1_000.0);
    }

    private static double ms(long micros) {
        return micros / 1_000.0;
    }
}
