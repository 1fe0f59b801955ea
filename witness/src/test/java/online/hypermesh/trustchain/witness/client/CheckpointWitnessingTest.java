package online.hypermesh.trustchain.witness.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.ct.merkle.InMemoryNodeStore;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.ProofGenerator;
import online.hypermesh.trustchain.witness.Cosigner;
import online.hypermesh.trustchain.witness.NoteSignature;
import online.hypermesh.trustchain.witness.SignedNote;
import online.hypermesh.trustchain.witness.TestLog;
import online.hypermesh.trustchain.ct.support.TestDatabase;

/**
 * The log's rounds against four real witnesses on loopback, the state in a real PostgreSQL with
 * the V12 table: all honest, one down, two down, a witness that lost its state, and a
 * compromised log key forking the tree at one witness.
 */
class CheckpointWitnessingTest {
    @TempDir
    Path dir;
    TestLog log;
    List<LocalWitness> witnesses = new ArrayList<>();
    JdbcWitnessStateStore store;
    ExecutorService executor = Executors.newFixedThreadPool(4);
    List<String> splitViews = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        log = new TestLog("ct.example.org/2026h1");
        store = new JdbcWitnessStateStore(TestDatabase.freshDatabase(), new byte[32]);
    }

    @AfterEach
    void tearDown() {
        witnesses.forEach(LocalWitness::close);
        executor.shutdownNow();
    }

    private void start(int honest, boolean withLiar) throws Exception {
        for (int i = 0; i < honest; i++) {
            witnesses.add(new LocalWitness("witness.example.org/w" + (i + 1), dir.resolve("w" + (i + 1)), log.logKey(), false));
        }
        if (withLiar) {
            witnesses.add(new LocalWitness("witness.example.org/liar", dir.resolve("liar"), log.logKey(), true));
        }
    }

    private CheckpointWitnessing witnessing() {
        return new CheckpointWitnessing(log.logKey(), witnesses.stream().map(LocalWitness::endpoint).toList(),
                new WitnessClient(Duration.ofSeconds(2)), store, log::proof, log::rootAt, executor, Clock.systemUTC(),
                (w, held, reason) -> splitViews.add(w + ": " + reason));
    }

    @Test
    void allHonestConfirmEveryCheckpointAndCheckpointCarriesTheCosignatures() throws Exception {
        start(4, false);
        CheckpointWitnessing w = witnessing();
        for (int leaves : new int[] {1, 3, 16, 5}) {
            log.grow(leaves);
            RoundResult r = w.witness(log.checkpoint());
            assertEquals(4, r.cosignatures(), r.answers().toString());
            assertTrue(r.confirmed());
        }
        for (LocalWitness lw : witnesses) {
            assertEquals(log.size(), store.acknowledged().get(lw.cosigner.name()));
        }
        // The checkpoint as /checkpoint serves it: every cosignature verifies over the log's tree.
        String served = CheckpointWitnessing.withCosignatures(log.checkpoint(),
                store.cosignatureLines(log.size(), log.tree.root()));
        SignedNote note = SignedNote.parse(served);
        assertEquals(5, note.signatures().size());
        for (LocalWitness lw : witnesses) {
            long verified = note.signatures().stream()
                    .filter(s -> Cosigner.verify(lw.cosigner.name(), lw.cosigner.publicKey(), note.text(), s) > 0).count();
            assertEquals(1, verified, lw.cosigner.name());
        }
        assertTrue(w.health().stream().allMatch(h -> h.cosignedSize() == log.size() && h.lastOutcome().startsWith("cosigned")));
    }

    @Test
    void oneWitnessDownStillConfirmsTwoDownDoesNot() throws Exception {
        start(4, false);
        CheckpointWitnessing w = witnessing();
        log.grow(4);
        assertTrue(w.witness(log.checkpoint()).confirmed());
        witnesses.get(3).stop();
        log.grow(4);
        RoundResult three = w.witness(log.checkpoint());
        assertEquals(3, three.cosignatures());
        assertTrue(three.confirmed());
        assertInstanceOf(WitnessAnswer.Unreachable.class, three.answers().get("witness.example.org/w4"));
        WitnessHealth down = w.health().get(3);
        assertEquals(4, down.cosignedSize(), "lagging: its last cosigned size stays visible");
        assertTrue(down.lastOutcome().startsWith("unreachable"), down.lastOutcome());

        witnesses.get(2).stop();
        log.grow(4);
        RoundResult two = w.witness(log.checkpoint());
        assertEquals(2, two.cosignatures());
        assertFalse(two.confirmed());

        // Back up: the lagging witness gets a proof from the size it acknowledged (4), not the log's previous one.
        witnesses.get(2).start();
        witnesses.get(3).start();
        log.grow(1);
        RoundResult again = witnessing().witness(log.checkpoint());
        assertEquals(4, again.cosignatures(), again.answers().toString());
    }

    @Test
    void aWitnessThatLostItsStateIsCaughtUpAfterItsConflict() throws Exception {
        start(4, false);
        log.grow(6);
        assertTrue(witnessing().witness(log.checkpoint()).confirmed());
        // w1 is replaced by a fresh one under the same name and key would be an operator's restore; here its state is gone.
        LocalWitness w1 = witnesses.get(0);
        w1.stop();
        java.nio.file.Files.walk(dir.resolve("w1")).sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        w1.start();
        log.grow(2);
        RoundResult r = witnessing().witness(log.checkpoint());
        assertEquals(4, r.cosignatures(), r.answers().toString());
        assertEquals(8L, store.acknowledged().get("witness.example.org/w1"));
    }

    @Test
    void aForkSignedWithTheLogsKeyNeverReachesQuorumAndIsReportedAsSplitView() throws Exception {
        start(3, true);
        CheckpointWitnessing w = witnessing();
        log.grow(8);
        assertTrue(w.witness(log.checkpoint()).confirmed());

        // The compromised log: a tree of 10 leaves extending the 8 everyone saw, but not the log's.
        InMemoryNodeStore fork = new InMemoryNodeStore();
        for (int i = 0; i < 8; i++) {
            fork.append(MerkleHashes.leafHash(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        fork.append(MerkleHashes.leafHash(new byte[] {'x'}));
        fork.append(MerkleHashes.leafHash(new byte[] {'y'}));
        String forked = log.sign(log.key, 10, fork.root());
        WitnessClient client = new WitnessClient(Duration.ofSeconds(2));
        int cosignedFork = 0;
        for (LocalWitness lw : witnesses) {
            WitnessAnswer a = client.addCheckpoint(lw.endpoint(), 8, new ProofGenerator(fork).consistencyProof(8, 10), forked);
            cosignedFork += a instanceof WitnessAnswer.Cosigned ? 1 : 0;
        }
        // The worst case: the fork reached every witness before the log's own tree did, and it
        // extends size 8 consistently, so each cosigns it.
        assertEquals(4, cosignedFork);

        // The honest log now reaches size 10 with its own leaves: the honest witnesses hold the fork at 10.
        log.grow(2);
        RoundResult honest = w.witness(log.checkpoint());
        assertEquals(1, honest.cosignatures(), "only the liar cosigns both: " + honest.answers());
        assertFalse(honest.confirmed());
        assertEquals(3, splitViews.size(), splitViews.toString());
        assertTrue(w.health().stream().filter(h -> !h.name().endsWith("liar")).allMatch(WitnessHealth::splitView));
        // The liar cosigned both trees of size 10; the honest witnesses only the first they saw.
        NoteSignature liarLine = ((WitnessAnswer.Cosigned) honest.answers().get("witness.example.org/liar")).line();
        assertTrue(liarLine.keyName().endsWith("liar"));
    }

    @Test
    void aForkAfterTheLogsTreeGetsOnlyTheLiarAndConflictsFromTheHonest() throws Exception {
        start(3, true);
        CheckpointWitnessing w = witnessing();
        log.grow(10);
        assertTrue(w.witness(log.checkpoint()).confirmed());
        // The compromised log signs another tree of size 10 and offers it from size 0, as to a new witness.
        String forked = log.sign(log.key, 10, MerkleHashes.leafHash(new byte[] {'f'}));
        WitnessClient client = new WitnessClient(Duration.ofSeconds(2));
        int cosigned = 0;
        for (LocalWitness lw : witnesses) {
            WitnessAnswer a = client.addCheckpoint(lw.endpoint(), 0, List.of(), forked);
            if (lw.cosigner.name().endsWith("liar")) {
                assertInstanceOf(WitnessAnswer.Cosigned.class, a);
                cosigned++;
            } else {
                assertEquals(new WitnessAnswer.Conflict(10), a);
            }
        }
        assertFalse(Quorum.confirmed(cosigned, 4), "1 of 4");
        assertTrue(splitViews.isEmpty(), "the log's own view is consistent everywhere");
    }
}
