package online.hypermesh.trustchain.doq.classic;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * @param bindAddress        where UDP and TCP listen; port 0 picks one free port for both
 * @param tcpIdleTimeout     how long an idle TCP connection is kept (RFC 7766 6.2.3 suggests seconds)
 * @param maxTcpConnections  connections beyond this are closed at once, protecting worker threads
 * @param udpReceiverThreads threads that receive and answer UDP queries (one per core keeps every core busy)
 */
public record ClassicDnsConfig(InetSocketAddress bindAddress, Duration tcpIdleTimeout, int maxTcpConnections,
                               int udpReceiverThreads) {

    public ClassicDnsConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
        if (tcpIdleTimeout.isNegative() || tcpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
        if (maxTcpConnections < 1) {
            throw new IllegalArgumentException("maxTcpConnections must be >= 1");
        }
        if (udpReceiverThreads < 1) {
            throw new IllegalArgumentException("udpReceiverThreads must be >= 1");
        }
    }

    /** Without the UDP thread count: one receive thread per core, at least two. */
    public ClassicDnsConfig(InetSocketAddress bindAddress, Duration tcpIdleTimeout, int maxTcpConnections) {
        this(bindAddress, tcpIdleTimeout, maxTcpConnections, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public static ClassicDnsConfig of(InetSocketAddress bindAddress) {
        return new ClassicDnsConfig(bindAddress, Duration.ofSeconds(10), 64);
    }
}
