package online.hypermesh.trustchain.doq.forward;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * @param upstreams       resolvers asked in this order; the next one is tried when one fails or times out
 * @param timeout         how long one upstream may take for one exchange (UDP, and TCP after truncation)
 * @param maxCacheEntries cached answers beyond this evict the least recently used
 */
public record ForwarderConfig(List<InetSocketAddress> upstreams, Duration timeout, int maxCacheEntries) {

    public ForwarderConfig {
        upstreams = List.copyOf(upstreams);
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("forwarding needs at least one upstream");
        }
        for (InetSocketAddress upstream : upstreams) {
            if (upstream.isUnresolved()) {
                throw new IllegalArgumentException("upstream must be an IP address: " + upstream);
            }
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("upstream timeout must be positive");
        }
        if (maxCacheEntries < 1) {
            throw new IllegalArgumentException("maxCacheEntries must be >= 1");
        }
    }
}
