package online.hypermesh.trustchain.doq.quic;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * @param bindAddress        UDP address of the DoQ listener (RFC 9250 uses port 853; tests use a high port)
 * @param idleTimeout        QUIC max_idle_timeout offered to clients
 * @param maxStreamsPerConnection concurrent client bidirectional streams, i.e. queries in flight per connection
 */
public record DoqConfig(InetSocketAddress bindAddress, Duration idleTimeout, int maxStreamsPerConnection) {

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

    public static DoqConfig of(InetSocketAddress bindAddress) {
        return new DoqConfig(bindAddress, Duration.ofSeconds(30), 100);
    }
}
