package online.hypermesh.trustchain.ca.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The SIEM event sink: the audit trail as RFC 5424 syslog with CEF over TLS (RFC 5425) to an
 * operator's receiver. Off by default; when on, the receiver's host and a CA file to verify its
 * certificate are required, and a client certificate (PKCS#12) is optional.
 */
public record SiemSettings(boolean enabled, String host, int port, Path caFile, Optional<Path> clientKeyStore,
                           Optional<String> clientKeyStorePassword, int batchSize, Duration backoffMax, Duration poll,
                           int maxMessageBytes) {

    public static final Setting<Boolean> ENABLED = Setting.flag("trustchain.siem.enabled", false,
            "send the audit trail to a SIEM over syslog on TLS (RFC 5424/5425, CEF)");
    public static final Setting<String> HOST = Setting.text("trustchain.siem.syslog.host", null,
            "with the SIEM sink: the syslog receiver's host name or address, as in its certificate");
    public static final Setting<Integer> PORT = Setting.integer("trustchain.siem.syslog.port", 6514, 1, 65535,
            "its TLS port (RFC 5425 assigns 6514)");
    public static final Setting<Path> CA_FILE = Setting.of("trustchain.siem.syslog.ca.file", "path", null, "none",
            "with the SIEM sink: PEM file of the CA certificates the receiver's certificate must chain to", t -> Path.of(t).toAbsolutePath());
    public static final Setting<Path> CLIENT_KEYSTORE = Setting.of("trustchain.siem.syslog.client.keystore", "path", null, "none",
            "a PKCS#12 file with the client key and certificate to present to the receiver (mutual TLS); none: no client certificate",
            t -> Path.of(t).toAbsolutePath());
    public static final Setting<String> CLIENT_KEYSTORE_PASSWORD = Setting.of("trustchain.siem.syslog.client.keystore.password",
            "secret text", null, "none", "the password of that PKCS#12 file", t -> t).secretValue();
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("trustchain.siem.batch.size", 500, 1, 10_000,
            "most audit events read from the outbox and sent in one step");
    public static final Setting<Integer> BACKOFF_MAX_MS = Setting.integer("trustchain.siem.backoff.max.ms", 30_000, 1_000, 600_000,
            "longest wait between attempts while the receiver is unreachable (ms; from 500 ms, doubling)");
    public static final Setting<Integer> POLL_MS = Setting.integer("trustchain.siem.poll.ms", 500, 10, 60_000,
            "how often the outbox is polled for new audit events (ms)");
    public static final Setting<Integer> MAX_MESSAGE_BYTES = Setting.integer("trustchain.siem.syslog.max.message.bytes", 8096, 480, 1_048_576,
            "longest syslog message the receiver takes (rsyslog's default maxMessageSize is 8096); a longer event is parked as a dead letter");

    static SiemSettings read(Settings s) {
        boolean enabled = s.get(ENABLED);
        String host = s.get(HOST);
        Path caFile = s.find(CA_FILE).orElse(null);
        Optional<Path> keyStore = s.find(CLIENT_KEYSTORE);
        Optional<String> password = s.find(CLIENT_KEYSTORE_PASSWORD);
        if (enabled) {
            if (host == null || host.isBlank()) {
                s.reject(HOST, "is not set, and trustchain.siem.enabled is true");
            }
            if (caFile == null) {
                s.reject(CA_FILE, "is not set, and trustchain.siem.enabled is true");
            } else if (!Files.isReadable(caFile)) {
                s.reject(CA_FILE, "names " + caFile + ", which cannot be read");
            }
            if (keyStore.isPresent() && !Files.isReadable(keyStore.get())) {
                s.reject(CLIENT_KEYSTORE, "names " + keyStore.get() + ", which cannot be read");
            }
        }
        return new SiemSettings(enabled, host, s.get(PORT), caFile, keyStore, password, s.get(BATCH_SIZE),
                Duration.ofMillis(s.get(BACKOFF_MAX_MS)), Duration.ofMillis(s.get(POLL_MS)), s.get(MAX_MESSAGE_BYTES));
    }

    @Override
    public String toString() {
        return "SiemSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", caFile=" + caFile + ", clientKeyStore="
                + clientKeyStore + ", clientKeyStorePassword=" + (clientKeyStorePassword.isPresent() ? "(set)" : "(none)")
                + ", batchSize=" + batchSize + ", backoffMax=" + backoffMax + ", poll=" + poll + ", maxMessageBytes=" + maxMessageBytes + "]";
    }
}
