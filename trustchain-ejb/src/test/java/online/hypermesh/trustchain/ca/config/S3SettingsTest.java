package online.hypermesh.trustchain.ca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** The S3 archive's settings: off by default; when on, a bucket, and a secret from exactly one place; the secret never shown. */
class S3SettingsTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>(Map.of("TRUSTCHAIN_DATA_DIR", "/srv/trustchain"));

    private S3Settings read() {
        return Configuration.read(new Settings(new Properties(), env)).s3();
    }

    @Test
    void offByDefault_withTheDocumentedDefaults() {
        S3Settings s = read();
        assertFalse(s.enabled());
        assertEquals(Optional.empty(), s.endpoint());
        assertEquals("us-east-1", s.region());
        assertEquals("", s.prefix());
        assertFalse(s.pathStyle());
        assertEquals(7, s.retentionYears());
        assertEquals(10_000, s.segmentMaxEvents());
        assertEquals(Duration.ofSeconds(1), s.poll());
        assertEquals(Duration.ofSeconds(30), s.backoffMax());
        assertTrue(s.ct());
    }

    @Test
    void switchedOnWithoutABucket_isRefused() {
        env.put("TRUSTCHAIN_S3_ENABLED", "true");
        String message = assertThrows(TrustChainException.class, this::read).getMessage();
        assertTrue(message.contains("trustchain.s3.bucket (environment TRUSTCHAIN_S3_BUCKET) is not set"), message);
    }

    @Test
    void anAccessKeyWithoutASecret_orWithTwo_isRefused_andTheSecretIsNotRepeated() throws Exception {
        env.putAll(Map.of("TRUSTCHAIN_S3_ENABLED", "true", "TRUSTCHAIN_S3_BUCKET", "audit", "TRUSTCHAIN_S3_ACCESS_KEY_ID", "AKIAEXAMPLE"));
        String message = assertThrows(TrustChainException.class, this::read).getMessage();
        assertTrue(message.contains("set exactly one of them"), message);
        Path file = Files.writeString(dir.resolve("secret"), "from-the-file\n");
        env.putAll(Map.of("TRUSTCHAIN_S3_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret", "TRUSTCHAIN_S3_SECRET_ACCESS_KEY_FILE", file.toString()));
        message = assertThrows(TrustChainException.class, this::read).getMessage();
        assertTrue(message.contains("set exactly one of them"), message);
        assertFalse(message.contains("wJalrXUtnFEMI-secret"), message);
    }

    @Test
    void aSecretFromAFile_isRead_andNeverShown() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "from-the-file\n");
        env.putAll(Map.of("TRUSTCHAIN_S3_ENABLED", "true", "TRUSTCHAIN_S3_BUCKET", "audit", "TRUSTCHAIN_S3_PREFIX", "trustchain/prod",
                "TRUSTCHAIN_S3_ENDPOINT", "http://127.0.0.1:9000", "TRUSTCHAIN_S3_PATH_STYLE", "true", "TRUSTCHAIN_S3_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "TRUSTCHAIN_S3_SECRET_ACCESS_KEY_FILE", file.toString(), "TRUSTCHAIN_S3_RETENTION_YEARS", "10"));
        S3Settings s = read();
        assertTrue(s.enabled());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), s.endpoint());
        assertEquals("trustchain/prod", s.prefix());
        assertEquals(Optional.of("from-the-file"), s.secretAccessKey());
        assertEquals(10, s.retentionYears());
        assertFalse(s.toString().contains("from-the-file"), s.toString());
    }

    @Test
    void anEndpointThatIsNoHttpUrl_isRefused() {
        env.put("TRUSTCHAIN_S3_ENDPOINT", "s3.example.org:9000");
        String message = assertThrows(TrustChainException.class, this::read).getMessage();
        assertTrue(message.contains("trustchain.s3.endpoint"), message);
    }
}
