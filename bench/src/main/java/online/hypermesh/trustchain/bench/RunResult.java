package online.hypermesh.trustchain.bench;

import java.util.SortedMap;

/**
 * What the measured window produced.
 *
 * @param requests         measured requests completed (successes and failures)
 * @param windowSeconds    from the start of measuring to the last measured answer
 * @param clientCpuSeconds CPU time this process used in the window, or negative if unknown
 * @param outcomes         counts by status code ("201" = success) or transport error
 */
record RunResult(long requests, long ok, long errors, double windowSeconds, LatencySnapshot latency,
        SortedMap<String, Long> outcomes, double clientCpuSeconds) {

    static final double MAX_ERROR_RATE = 0.01;

    /** Completed requests per second. */
    double throughput() {
        return windowSeconds > 0 ? requests / windowSeconds : 0;
    }

    /** Certificates issued per second. */
    double issuedPerSecond() {
        return windowSeconds > 0 ? ok / windowSeconds : 0;
    }

    double errorRate() {
        return requests > 0 ? (double) errors / requests : 0;
    }

    /** A run passes when it completed requests and at most 1% of them failed. */
    boolean passed() {
        return requests > 0 && errorRate() <= MAX_ERROR_RATE;
    }

    /** Client CPU in microseconds per request, or negative if unknown. */
    double clientCpuMicrosPerRequest() {
        return clientCpuSeconds >= 0 && requests > 0 ? clientCpuSeconds * 1e6 / requests : -1;
    }
}
