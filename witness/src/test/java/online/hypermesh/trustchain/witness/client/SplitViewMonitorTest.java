package online.hypermesh.trustchain.witness.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import online.hypermesh.trustchain.ct.merkle.InMemoryNodeStore;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.ProofGenerator;
import online.hypermesh.trustchain.witness.SignedNote;
import online.hypermesh.trustchain.witness.TestLog;
import online.hypermesh.trustchain.witness.monitor.SplitView;
import online.hypermesh.trustchain.witness.monitor.SplitViewMonitor;
import online.hypermesh.trustchain.ct.support.TestDatabase;

/**
 * The monitor against a log over HTTP (its /checkpoint and RFC 6962 get-sth-consistency) and four
 * real witnesses: quiet while everything is one tree, a split view reported with both signed
 * checkpoints once the log's key has signed a fork that one witness cosigned.
 */
class SplitViewMonitorTest {
    @TempDir
    Path dir;
    TestLog log;
    HttpServer logServer;
    List<LocalWitness> witnesses = new ArrayList<>();
    ExecutorService executor = Executors.newFixedThreadPool(4);

    @BeforeEach
    void setUp() throws Exception {
        log = new TestLog("ct.example.org/2026h1");
        logServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        logServer.createContext("/checkpoint", ex -> respond(ex, log.checkpoint()));
        logServer.createContext("/ct/v1/get-sth-consistency", ex -> {
            Map<String, Long> q = new LinkedHashMap<>();
            for (String p : ex.getRequestURI().getQuery().split("&")) {
                q.put(p.substring(0, p.indexOf('=')), Long.parseLong(p.substring(p.indexOf('=') + 1)));
            }
            List<byte[]> proof = q.get("first") == 0 ? List.of() : log.proof(q.get("first"), q.get("second"));
            respond(ex, "{\"consistency\":[" + proof.stream().map(h -> "\"" + Base64.getEncoder().encodeToString(h) + "\"")
                    .collect(Collectors.joining(",")) + "]}");
        });
        logServer.start();
        for (int i = 1; i <= 4; i++) {
            witnesses.add(new LocalWitness("witness.example.org/w" + i, dir.resolve("w" + i), log.logKey(), false));
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
        try (ex) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        }
    }

    @AfterEach
    void tearDown() {
        witnesses.forEach(LocalWitness::close);
        logServer.stop(0);
        executor.shutdownNow();
    }

    private SplitViewMonitor monitor() {
        Map<String, URI> urls = new LinkedHashMap<>();
        witnesses.forEach(w -> urls.put(w.cosigner.name(), w.endpoint().submissionPrefix()));
        return new SplitViewMonitor(log.logKey(), URI.create("http://127.0.0.1:" + logServer.getAddress().getPort() + "/"), urls,
                HttpClient.newHttpClient());
    }

    private CheckpointWitnessing witnessing() throws Exception {
        return new CheckpointWitnessing(log.logKey(), witnesses.stream().map(LocalWitness::endpoint).toList(),
                new WitnessClient(Duration.ofSeconds(2)), new JdbcWitnessStateStore(TestDatabase.freshDatabase(), new byte[32]),
                log::proof, log::rootAt, executor, Clock.systemUTC(), (w, h, r) -> { });
    }

    @Test
    void oneTreeSeenEverywhereIsQuietAndAForkIsReportedWithBothCheckpoints() throws Exception {
        CheckpointWitnessing w = witnessing();
        SplitViewMonitor monitor = monitor();
        log.grow(5);
        w.witness(log.checkpoint());
        log.grow(3);
        assertTrue(monitor.poll().isEmpty(), "the log at 8 and witnesses at 5 are consistent");
        w.witness(log.checkpoint());
        assertTrue(monitor.poll().isEmpty());
        assertEquals(8, monitor.size());

        // The compromised log shows witness 4 another tree of size 12 extending 8.
        InMemoryNodeStore fork = new InMemoryNodeStore();
        for (int i = 0; i < 8; i++) {
            fork.append(MerkleHashes.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < 4; i++) {
            fork.append(MerkleHashes.leafHash(("fork " + i).getBytes(StandardCharsets.UTF_8)));
        }
        String forked = log.sign(log.key, 12, fork.root());
        WitnessAnswer a = new WitnessClient(Duration.ofSeconds(2)).addCheckpoint(witnesses.get(3).endpoint(), 8,
                new ProofGenerator(fork).consistencyProof(8, 12), forked);
        assertTrue(a instanceof WitnessAnswer.Cosigned, a.toString());
        // ... while the log itself goes on to 12 with its own leaves.
        log.grow(4);

        List<SplitView> views = monitor.poll();
        assertEquals(1, views.size(), views.toString());
        SplitView v = views.get(0);
        assertTrue(v.reason().contains("two roots for tree size 12"), v.reason());
        assertEquals("log", v.firstSource());
        assertEquals("witness witness.example.org/w4", v.secondSource());
        assertTrue(v.second().startsWith(forked.substring(0, forked.indexOf("\n\n"))), "the fork as the witness holds it");
        assertTrue(monitor.poll().isEmpty(), "reported once");
        assertEquals(1, monitor.splitViews().size());
    }

    @Test
    void aForkEveryHonestWitnessRefusedIsReportedFromTheirEvidence() throws Exception {
        CheckpointWitnessing w = witnessing();
        log.grow(6);
        w.witness(log.checkpoint());
        SplitViewMonitor monitor = monitor();
        assertTrue(monitor.poll().isEmpty());
        // The compromised log signs another tree of the same size; no honest witness cosigns it (409), each keeps it.
        String forked = log.sign(log.key, 6, MerkleHashes.leafHash("fork".getBytes(StandardCharsets.UTF_8)));
        for (LocalWitness lw : witnesses) {
            WitnessAnswer a = new WitnessClient(Duration.ofSeconds(2)).addCheckpoint(lw.endpoint(), 5, List.of(), forked);
            assertTrue(a instanceof WitnessAnswer.Conflict, a.toString());
        }
        List<SplitView> views = monitor.poll();
        assertEquals(1, views.size(), views.toString());
        assertTrue(views.get(0).reason().contains("two roots for tree size 6"), views.get(0).reason());
        assertTrue(views.get(0).secondSource().startsWith("witness witness.example.org/w1 evidence #1 (refused)"), views.get(0).secondSource());
        assertEquals(SignedNote.parse(forked).text(), SignedNote.parse(views.get(0).second()).text());
    }
}
