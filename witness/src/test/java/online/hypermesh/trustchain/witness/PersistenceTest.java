package online.hypermesh.trustchain.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash or a failing disk leaves: never a forgotten cosignature, never one not on disk. */
class PersistenceTest {
    @TempDir
    Path state;
    TestLog log;
    Cosigner cosigner;

    @BeforeEach
    void setUp() throws Exception {
        log = new TestLog("ct.example.org/2026h1");
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        cosigner = new Cosigner("witness.example.org/w1", pair.getPrivate(), pair.getPublic());
    }

    private Witness open() throws IOException {
        return new Witness(cosigner, List.of(log.logKey()), new WitnessStore(state), Clock.systemUTC());
    }

    private Path logDir() {
        return state.resolve("logs").resolve(WitnessStore.originHash(log.origin));
    }

    @Test
    void aCheckpointThatCannotBePersistedIsNotCosigned() throws Exception {
        Witness w = open();
        log.grow(3);
        assertEquals(200, w.addCheckpoint(log.request(0)).status());
        // The temp file's name taken by a directory: the write fails as a full or broken disk would.
        Files.createDirectories(logDir().resolve("checkpoint" + AtomicFiles.TEMP_SUFFIX));
        log.grow(3);
        WitnessResponse r = w.addCheckpoint(log.request(3));
        assertEquals(500, r.status(), r.body());
        assertTrue(!r.body().startsWith("\u2014"), "no cosignature is handed out");
        assertEquals(3, w.heldSize(log.origin), "the held state did not move");
        assertEquals(3, open().heldSize(log.origin), "nor did the one on disk");
    }

    @Test
    void anInterruptedWriteLeavesTheOldCheckpoint() throws Exception {
        Witness w = open();
        log.grow(3);
        assertEquals(200, w.addCheckpoint(log.request(0)).status());
        String before = Files.readString(logDir().resolve("checkpoint"));
        // A crash between writing the temp file and the rename leaves a partial temp file behind.
        Files.writeString(logDir().resolve("checkpoint" + AtomicFiles.TEMP_SUFFIX), "example.org/x\n9");
        Witness restarted = open();
        assertEquals(3, restarted.heldSize(log.origin));
        assertEquals(before, Files.readString(logDir().resolve("checkpoint")));
        log.grow(2);
        assertEquals(200, restarted.addCheckpoint(log.request(3)).status(), "the stale temp file is overwritten");
    }

    @Test
    void aDamagedStateFileStopsTheWitnessInsteadOfForgetting() throws Exception {
        Witness w = open();
        log.grow(3);
        assertEquals(200, w.addCheckpoint(log.request(0)).status());
        Files.writeString(logDir().resolve("checkpoint"), "garbage");
        IOException e = assertThrows(IOException.class, this::open);
        assertTrue(e.getMessage().contains("refusing to start"), e.getMessage());
    }

    /** A real witness process killed with SIGKILL right after answering still knows what it cosigned. */
    @Test
    void killedProcessRemembersItsLastCosignature() throws Exception {
        log.grow(5);
        try (WitnessProcess p = WitnessProcess.start(state, "witness.example.org/w1", log)) {
            assertEquals(200, p.post(log.request(0)).statusCode());
            p.kill();
        }
        try (WitnessProcess p = WitnessProcess.start(state, "witness.example.org/w1", log)) {
            var r = p.post(log.request(0));
            assertEquals(409, r.statusCode());
            assertEquals("5\n", r.body());
            assertTrue(p.process.isAlive());
        }
    }

}
