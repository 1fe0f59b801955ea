package online.hypermesh.trustchain.doq.forward;

/**
 * Counters of the forwarding cache since start.
 *
 * @param hits   questions answered from the cache
 * @param misses questions the cache could not answer (asked upstream, or refused without RD)
 * @param size   answers held right now
 */
public record CacheStatistics(long hits, long misses, int size) {

    /** hits / (hits + misses), 0 before the first question. */
    public double hitRatio() {
        long total = hits + misses;
        return total == 0 ? 0.0 : (double) hits / total;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "hits=%d misses=%d ratio=%.3f size=%d", hits, misses, hitRatio(), size);
    }
}
