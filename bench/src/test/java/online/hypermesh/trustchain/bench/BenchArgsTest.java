package online.hypermesh.trustchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchArgsTest {
    private static final Map<String, String> NO_ENV = Map.of();

    private static BenchConfig parse(Map<String, String> env, String... args) throws UsageException {
        return BenchArgs.parse(args, env);
    }

    @Test
    void dataDirAloneGivesTheDocumentedDefaults() throws Exception {
        BenchConfig config = parse(NO_ENV, "--data-dir", "data");
        assertEquals(URI.create("https://[::1]:8443"), config.baseUrl());
        assertEquals(Path.of("data", "root.pem"), config.rootCa());
        assertNull(config.token());
        assertEquals(Path.of("data", "admin-token"), config.tokenFile());
        assertEquals(32, config.concurrency());
        assertEquals(30, config.durationSeconds());
        assertEquals(10, config.warmupSeconds());
        assertFalse(config.fixedCount());
        assertEquals(2000, config.csrs());
        assertEquals(KeyType.P256, config.keyType());
        assertEquals(RequestForm.JSON, config.form());
        assertEquals("server", config.profile());
        assertEquals(24, config.validityHours());
        assertEquals(HttpClient.Version.HTTP_1_1, config.httpVersion());
        assertEquals(5, config.progressSeconds());
    }

    @Test
    void readsEveryFlagInBothSpellings() throws Exception {
        BenchConfig config = parse(NO_ENV, "--url=https://ca.example:9443/", "--root-ca", "r.pem", "--token", "t0k",
                "--concurrency", "8", "--duration=5", "--warmup", "0", "--requests", "1000", "--csrs", "10",
                "--key", "RSA2048", "--form", "pkcs10", "--profile", "client", "--validity-hours", "2",
                "--http", "2", "--timeout", "3", "--progress", "1");
        assertEquals(URI.create("https://ca.example:9443"), config.baseUrl());
        assertEquals(Path.of("r.pem"), config.rootCa());
        assertEquals("t0k", config.token());
        assertEquals(8, config.concurrency());
        assertEquals(5, config.durationSeconds());
        assertEquals(0, config.warmupSeconds());
        assertTrue(config.fixedCount());
        assertEquals(1000, config.requests());
        assertEquals(10, config.csrs());
        assertEquals(KeyType.RSA2048, config.keyType());
        assertEquals(RequestForm.PKCS10, config.form());
        assertEquals("client", config.profile());
        assertEquals(2, config.validityHours());
        assertEquals(HttpClient.Version.HTTP_2, config.httpVersion());
        assertEquals(3, config.timeoutSeconds());
        assertEquals(1, config.progressSeconds());
    }

    @Test
    void environmentFillsInWhatFlagsLeaveOut() throws Exception {
        Map<String, String> env = Map.of("TRUSTCHAIN_URL", "https://127.0.0.1:8443", "TRUSTCHAIN_DATA_DIR", "/srv/tc",
                "TRUSTCHAIN_TOKEN_FILE", "/run/token");
        BenchConfig config = parse(env);
        assertEquals(URI.create("https://127.0.0.1:8443"), config.baseUrl());
        assertEquals(Path.of("/srv/tc/root.pem"), config.rootCa());
        assertEquals(Path.of("/run/token"), config.tokenFile());
    }

    @Test
    void flagsBeatEnvironmentAndExplicitBeatsDataDir() throws Exception {
        Map<String, String> env = Map.of("TRUSTCHAIN_TOKEN", "from-env", "TRUSTCHAIN_ROOT_CA", "env-root.pem");
        BenchConfig fromEnv = parse(env, "--data-dir", "d");
        assertEquals("from-env", fromEnv.token());
        assertEquals(Path.of("env-root.pem"), fromEnv.rootCa());

        BenchConfig fromFlags = parse(env, "--data-dir", "d", "--token-file", "tf", "--root-ca", "flag-root.pem");
        assertNull(fromFlags.token());
        assertEquals(Path.of("tf"), fromFlags.tokenFile());
        assertEquals(Path.of("flag-root.pem"), fromFlags.rootCa());
    }

    @Test
    void rejectsMissingOrBadInput() {
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--token", "t"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--root-ca", "r.pem"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--data-dir", "d", "--concurrency", "0"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--data-dir", "d", "--duration", "ten"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--data-dir", "d", "--key", "ed25519"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--data-dir", "d", "--form", "xml"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--data-dir", "d", "--http", "3"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--data-dir", "d", "--url", "http://[::1]:8080"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--data-dir", "d", "--bogus", "1"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--data-dir", "d", "--csrs"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "--data-dir", "d", "--csrs", "1", "--csrs", "2"));
        assertThrows(UsageException.class, () -> parse(NO_ENV, "data"));
    }

    @Test
    void recognisesHelp() {
        assertTrue(BenchArgs.wantsHelp(new String[] {"--data-dir", "d", "-h"}));
        assertFalse(BenchArgs.wantsHelp(new String[] {"--data-dir", "d"}));
    }
}
