package online.hypermesh.trustchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole generator against a local stand-in HTTPS server: TLS 1.3, root trust, keep-alive, counting. */
@Timeout(20)
class StandInRunTest {
    private static final int CONCURRENCY = 4;
    private static StandInIssuanceServer server;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = new StandInIssuanceServer(InetAddress.getLoopbackAddress(), 0, CONCURRENCY);
        server.writeDataDir(dataDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static RunResult run(ByteArrayOutputStream log, int requests, String... extra) throws Exception {
        String[] base = {"--url", server.baseUrl().toString(), "--data-dir", dataDir.toString(), "--warmup", "0",
            "--concurrency", Integer.toString(CONCURRENCY), "--csrs", "20", "--requests", Integer.toString(requests)};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        BenchConfig config = BenchArgs.parse(args, Map.of());
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            return new IssuanceRun(config, out).execute();
        }
    }

    @Test
    void measuresExactlyTheRequestedCountOverKeptAliveConnections() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int connectionsBefore = server.connections();
        RunResult result = run(log, 200);
        String text = log.toString(StandardCharsets.UTF_8);

        assertEquals(200, result.requests(), text);
        assertEquals(200, result.ok(), text);
        assertEquals(Map.of("201", 200L), result.outcomes());
        assertTrue(result.passed());
        assertTrue(result.latency().p50() > 0 && result.latency().max() >= result.latency().p99(), text);
        assertTrue(server.connections() - connectionsBefore <= CONCURRENCY,
                "keep-alive: " + (server.connections() - connectionsBefore) + " TLS connections for 200 requests");
        assertTrue(text.contains("RESULT {\"benchmark\":\"issuance\""), text);
    }

    @Test
    void wrongTokenFailsEveryRequestAndPrintsTheProblemOnce() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunResult result = run(log, 200, "--token", "wrong", "--form", "pkcs10");
        String text = log.toString(StandardCharsets.UTF_8);

        assertEquals(200, result.errors(), text);
        assertEquals(Map.of("401", 200L), result.outcomes());
        assertFalse(result.passed());
        assertEquals(text.indexOf("first failure [401]"), text.lastIndexOf("first failure [401]"), text);
        assertTrue(text.contains("application/problem+json") && text.contains("bad bearer token"), text);
    }

    @Test
    void refusesAServerThatDoesNotChainToTheGivenRoot(@TempDir Path otherDir) throws Exception {
        Path otherRoot = otherDir.resolve("root.pem");
        Files.writeString(otherRoot, new StandInPki().rootPem());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunResult result = run(log, 8, "--root-ca", otherRoot.toString());
        String text = log.toString(StandardCharsets.UTF_8);

        assertEquals(0, result.ok(), text);
        assertEquals(8, result.errors(), text);
        assertTrue(result.outcomes().keySet().stream().allMatch(key -> key.startsWith("io:")), text);
    }
}
