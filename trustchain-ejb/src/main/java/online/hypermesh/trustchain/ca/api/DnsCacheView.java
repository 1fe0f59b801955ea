package online.hypermesh.trustchain.ca.api;

import java.util.List;

/**
 * The forwarding cache as an operator sees it ({@code GET /api/v1/dns/cache}).
 *
 * @param forwarding false when no upstream is configured; the counters are then zero
 * @param upstreams  the resolvers asked, in order
 * @param hits       out-of-zone questions answered from the cache since start
 * @param misses     out-of-zone questions the cache could not answer
 * @param ratio      hits / (hits + misses), 0 before the first question
 * @param size       answers cached right now
 */
public record DnsCacheView(boolean forwarding, List<String> upstreams, long hits, long misses, double ratio, int size) {
    public DnsCacheView {
        upstreams = List.copyOf(upstreams);
    }
}
