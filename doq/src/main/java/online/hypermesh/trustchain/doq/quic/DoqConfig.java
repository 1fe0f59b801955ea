package online.hypermesh.trustchain.doq.quic;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * @param bindAddress        UDP address of the DoQ listener (RFC 9250 uses port 853; tests use a high port)
 * @param idleTimeout        QUIC max_idle_timeout offered to clients
 * @param maxStreamsPerConnection concurrent client bidirectional streams, i.e. queries in flight per connection
 * @param retryRequired      answer every new connection with a QUIC Retry first (RFC 9000 8.1.2): the client
 *                           must prove it receives at its source address before the server spends a handshake
 *                           on it, at the cost of one round trip per new connection
 */
public record DoqConfig(InetSocketAddress bindAddress, Duration idleTimeout, int maxStreamsPerConnection,
                        boolean retryRequired) {

    public DoqConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("idle timeout must be at least one second");
        }
        if (maxStreamsPerConnection < 1) {
            throw new IllegalArgumentException("maxStreamsPerConnection must be >= 1");
        }
    }

    /** Without Retry, the default. */
    public DoqConfig(InetSocketAddress bindAddress, Duration idleTimeout, int maxStreamsPerConnection) {
        this(bindAddress, idleTimeout, maxStreamsPerConnection, false);
    }

    public static DoqConfig of(InetSocketAddress bindAddress) {
        return new DoqConfig(bindAddress, Duration.ofSeconds(30), 100);
    }

    public DoqConfig withRetryRequired(boolean required) {
        return new DoqConfig(bindAddress, idleTimeout, maxStreamsPerConnection, required);
    }
}
