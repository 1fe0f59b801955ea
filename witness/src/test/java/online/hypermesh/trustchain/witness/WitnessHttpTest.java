package online.hypermesh.trustchain.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.ct.merkle.MerkleHashes;

/**
 * The witness process over HTTP, and its cosignatures verified by golang.org/x/mod/sumdb/note
 * (Debian's golang-golang-x-mod-dev, installed by .ci/run) rather than by this project's code.
 */
class WitnessHttpTest {
    @TempDir
    Path dir;

    @Test
    void addCheckpointOverHttpAndCosignatureVerifiedByGo() throws Exception {
        TestLog log = new TestLog("ct.example.org/2026h1");
        log.grow(6);
        try (WitnessProcess w = WitnessProcess.start(dir.resolve("state"), "witness.example.org/w1", log)) {
            var first = w.post(log.request(0));
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("text/plain; charset=utf-8", first.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(first.body().startsWith("\u2014 witness.example.org/w1 ") && first.body().endsWith("\n"));

            var conflict = w.post(log.request(0));
            assertEquals(409, conflict.statusCode());
            assertEquals("text/x.tlog.size", conflict.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("6\n", conflict.body());

            log.grow(3);
            var second = w.post(log.request(6));
            assertEquals(200, second.statusCode(), second.body());

            // The spec's client side: append the response to the checkpoint and verify it as a note.
            String cosigned = log.checkpoint() + second.body();
            assertEquals(List.of("OK witness.example.org/w1"), goVerify(w.verifierKey, cosigned));
            // And the monitoring endpoint's copy, which also carries the log signature.
            var held = w.get("/" + WitnessStore.originHash(log.origin) + "/checkpoint");
            assertEquals(200, held.statusCode());
            assertEquals(List.of("OK witness.example.org/w1"), goVerify(w.verifierKey, held.body()));
            // A cosignature moved to another tree does not verify.
            String moved = log.sign(log.key, 9, MerkleHashes.emptyRoot()) + second.body();
            assertNotEquals(0, goVerifyExit(w.verifierKey, moved));

            String fork = log.sign(log.key, 9, MerkleHashes.leafHash(new byte[] {1}));
            assertEquals(422, w.post(AddCheckpointRequest.encode(9, List.of(), fork)).statusCode());
            var evidence = w.get("/" + WitnessStore.originHash(log.origin) + "/evidence");
            assertEquals(200, evidence.statusCode());
            assertEquals("application/json", evidence.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(evidence.body().contains("\"kind\":\"fork\""), evidence.body());

            assertEquals(404, w.get("/" + "0".repeat(64) + "/checkpoint").statusCode());
            assertEquals(405, w.get("/add-checkpoint").statusCode());
            var describe = w.get("/");
            assertTrue(describe.body().contains(w.verifierKey), describe.body());
            assertTrue(describe.body().contains("\"size\":9"), describe.body());
        }
    }

    private List<String> goVerify(String vkey, String note) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        int exit = runGo(vkey, note, out);
        assertEquals(0, exit, String.join("\n", out));
        return out.stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
    }

    private int goVerifyExit(String vkey, String note) throws IOException, InterruptedException {
        return runGo(vkey, note, new ArrayList<>());
    }

    private int runGo(String vkey, String note, List<String> out) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "note", ".txt");
        Files.writeString(file, note, StandardCharsets.UTF_8);
        Path goDir = Path.of(System.getProperty("witness.go.dir", "src/test/go"));
        ProcessBuilder pb = new ProcessBuilder("go", "run", goDir.resolve("verify_cosignature.go").toString(), vkey, file.toString())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // Debian's packaged Go libraries live in a GOPATH tree; no module download happens.
        env.put("GOPATH", "/usr/share/gocode");
        env.put("GO111MODULE", "off");
        env.put("GOCACHE", dir.resolve("gocache").toString());
        env.put("GOFLAGS", "");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("go run did not finish");
        }
        output.lines().forEach(out::add);
        return p.exitValue();
    }
}
