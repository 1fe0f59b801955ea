package online.hypermesh.trustchain.ca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** The SIEM sink's settings: off by default; when on, a receiver and a readable CA file or the deployment stops. */
class SiemSettingsTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>(Map.of("TRUSTCHAIN_DATA_DIR", "/srv/trustchain"));

    private SiemSettings read() {
        return Configuration.read(new Settings(new Properties(), env)).siem();
    }

    @Test
    void offByDefault_withTheDocumentedDefaults() {
        SiemSettings s = read();
        assertFalse(s.enabled());
        assertEquals(6514, s.port());
        assertEquals(500, s.batchSize());
        assertEquals(Duration.ofSeconds(30), s.backoffMax());
        assertEquals(Duration.ofMillis(500), s.poll());
        assertEquals(8096, s.maxMessageBytes());
    }

    @Test
    void switchedOnWithoutAReceiverOrCaFile_namesBothSettings() {
        env.put("TRUSTCHAIN_SIEM_ENABLED", "true");
        String message = assertThrows(TrustChainException.class, this::read).getMessage();
        assertTrue(message.contains("trustchain.siem.syslog.host (environment TRUSTCHAIN_SIEM_SYSLOG_HOST) is not set"), message);
        assertTrue(message.contains("trustchain.siem.syslog.ca.file (environment TRUSTCHAIN_SIEM_SYSLOG_CA_FILE) is not set"), message);
    }

    @Test
    void aCaFileThatCannotBeRead_isRefused() {
        env.putAll(Map.of("TRUSTCHAIN_SIEM_ENABLED", "true", "TRUSTCHAIN_SIEM_SYSLOG_HOST", "siem.example.org",
                "TRUSTCHAIN_SIEM_SYSLOG_CA_FILE", dir.resolve("missing.pem").toString()));
        String message = assertThrows(TrustChainException.class, this::read).getMessage();
        assertTrue(message.contains("which cannot be read"), message);
    }

    @Test
    void aCompleteSetting_isRead_andThePasswordIsNeverShown() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path p12 = Files.write(dir.resolve("client.p12"), new byte[] {1});
        env.putAll(Map.of("TRUSTCHAIN_SIEM_ENABLED", "true", "TRUSTCHAIN_SIEM_SYSLOG_HOST", "siem.example.org",
                "TRUSTCHAIN_SIEM_SYSLOG_PORT", "10514", "TRUSTCHAIN_SIEM_SYSLOG_CA_FILE", ca.toString(),
                "TRUSTCHAIN_SIEM_SYSLOG_CLIENT_KEYSTORE", p12.toString(), "TRUSTCHAIN_SIEM_SYSLOG_CLIENT_KEYSTORE_PASSWORD", "s3cret-pass",
                "TRUSTCHAIN_SIEM_BACKOFF_MAX_MS", "5000"));
        SiemSettings s = read();
        assertTrue(s.enabled());
        assertEquals("siem.example.org", s.host());
        assertEquals(10514, s.port());
        assertEquals(ca, s.caFile());
        assertEquals(p12, s.clientKeyStore().orElseThrow());
        assertEquals(Duration.ofSeconds(5), s.backoffMax());
        assertFalse(s.toString().contains("s3cret-pass"));
    }

    @Test
    void aBackoffBelowOneSecond_isRefused() {
        env.put("TRUSTCHAIN_SIEM_BACKOFF_MAX_MS", "10");
        String message = assertThrows(TrustChainException.class, this::read).getMessage();
        assertTrue(message.contains("trustchain.siem.backoff.max.ms"), message);
    }
}
