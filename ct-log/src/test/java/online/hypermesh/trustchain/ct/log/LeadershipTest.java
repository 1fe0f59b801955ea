package online.hypermesh.trustchain.ct.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.MerkleTreeHash;
import online.hypermesh.trustchain.ct.merkle.ProofVerifier;
import online.hypermesh.trustchain.ct.support.TestDatabase;

/** Two sequencers (as on two WildFly nodes) on one database: one leads, and the tree never forks. */
class LeadershipTest {
    private final LogFixture log = new LogFixture(TestDatabase.freshDatabase());

    @AfterEach
    void stop() {
        log.close();
    }

    @Test
    void secondNode_doesNotLeadWhileTheFirstDoes_thenTakesOverTheSameTree() throws Exception {
        Sequencer a = log.startSequencer();
        LogFixture.awaitLead(a);
        Sequencer b = log.startSequencer();
        // b keeps trying every 50 ms; give it several attempts.
        Thread.sleep(300);
        assertFalse(b.isLeading());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> b.submit(log.leafSubmission("refused.example")).get(10, TimeUnit.SECONDS));
        assertInstanceOf(LogUnavailableException.class, refused.getCause());

        a.submit(log.leafSubmission("a1.example")).get(30, TimeUnit.SECONDS);
        a.submit(log.leafSubmission("a2.example")).get(30, TimeUnit.SECONDS);
        SignedTreeHead underA = log.reader.latestTreeHead();
        assertEquals(2, underA.treeSize(), "the refused submission was not logged");

        a.close();
        LogFixture.awaitLead(b);
        AddedEntry fromB = b.submit(log.leafSubmission("b1.example")).get(30, TimeUnit.SECONDS);
        assertEquals(2, fromB.leafIndex());
        SignedTreeHead underB = log.reader.latestTreeHead();
        ProofVerifier.verifyConsistency(underA.treeSize(), underB.treeSize(), underA.rootHash(), underB.rootHash(),
                log.reader.consistencyProof(underA.treeSize(), underB.treeSize()));
    }

    @Test
    void leaderWhoseLockSessionDies_stepsDownAndTheOtherTakesOver() throws Exception {
        Sequencer a = log.startSequencer();
        LogFixture.awaitLead(a);
        Sequencer b = log.startSequencer();
        a.submit(log.leafSubmission("x1.example")).get(30, TimeUnit.SECONDS);

        // Kill a's lock session from the database side, as a network partition or restart would.
        try (Connection c = log.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
        }
        LogFixture.awaitLead(b);
        CompletableFuture<AddedEntry> viaA = a.submit(log.leafSubmission("x2.example"));
        AddedEntry viaB = b.submit(log.leafSubmission("x3.example")).get(30, TimeUnit.SECONDS);
        assertThrows(ExecutionException.class, () -> viaA.get(30, TimeUnit.SECONDS));
        assertFalse(a.isLeading());
        assertEquals(1, viaB.leafIndex());
        assertTreeIsWhole(2);
    }

    @Test
    void aLoneLeaderWhoseSessionIsTerminated_campaignsAgainOnANewSession_andAppendsToTheSameTree() throws Exception {
        Sequencer a = log.startSequencer();
        LogFixture.awaitLead(a);
        a.submit(log.leafSubmission("alone1.example")).get(30, TimeUnit.SECONDS);
        SignedTreeHead before = log.reader.latestTreeHead();
        long lockPid = lockHolder();

        try (Connection c = log.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + lockPid + ")");
        }
        // The first submission after the kill finds the session dead and fails (retry); the
        // sequencer closes that connection and campaigns again with a new one.
        AddedEntry after = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (after == null) {
            try {
                after = a.submit(log.leafSubmission("alone2.example")).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertInstanceOf(LogUnavailableException.class, e.getCause());
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the sequencer did not lead again", e);
                }
                Thread.sleep(20);
            }
        }
        assertTrue(a.isLeading());
        assertEquals(1, after.leafIndex());
        assertTrue(lockHolder() != lockPid, "a new session holds the lock");
        SignedTreeHead now = log.reader.latestTreeHead();
        ProofVerifier.verifyConsistency(before.treeSize(), now.treeSize(), before.rootHash(), now.rootHash(),
                log.reader.consistencyProof(before.treeSize(), now.treeSize()));
        assertTreeIsWhole(2);
    }

    @Test
    void closingTheLeadersSession_releasesTheLockInPostgres() throws Exception {
        PostgresAdvisoryLock lock = new PostgresAdvisoryLock(log.dataSource::getConnection, 4242);
        assertTrue(lock.tryAcquire());
        assertTrue(lock.isHeld());
        lock.close();
        assertFalse(lock.isHeld());
        PostgresAdvisoryLock other = new PostgresAdvisoryLock(log.dataSource::getConnection, 4242);
        assertTrue(other.tryAcquire(), "the lock is free once the holder closed its session");
        other.close();
    }

    /** The backend pid of the session that holds an advisory lock (exactly one does). */
    private long lockHolder() throws Exception {
        try (Connection c = log.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted")) {
            assertTrue(rs.next(), "someone holds the lock");
            long pid = rs.getLong(1);
            assertFalse(rs.next(), "only one session holds the lock");
            return pid;
        }
    }

    @Test
    void twoSequencersThatBothBelieveTheyLead_cannotForkTheTree() throws Exception {
        // Split brain on purpose: elections that always say yes. The compare-and-set on the tree
        // size in the commit is then all that stands between the two writers.
        Sequencer a = log.start(new AlwaysLeader());
        Sequencer b = log.start(new AlwaysLeader());
        LogFixture.awaitLead(a);
        LogFixture.awaitLead(b);

        a.submit(log.leafSubmission("s1.example")).get(30, TimeUnit.SECONDS);
        // b loaded size 0 before a's commit, so its batch is built on a stale head and refused.
        CompletableFuture<AddedEntry> stale = b.submit(log.leafSubmission("s2.example"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> stale.get(30, TimeUnit.SECONDS));
        assertInstanceOf(LogUnavailableException.class, e.getCause());
        assertInstanceOf(ForkRefusedException.class, e.getCause().getCause());
        assertEquals(1, log.reader.latestTreeHead().treeSize());

        // After stepping down and reloading, b appends after a's entry.
        LogFixture.awaitLead(b);
        assertEquals(1, b.submit(log.leafSubmission("s2.example")).get(30, TimeUnit.SECONDS).leafIndex());
        assertTreeIsWhole(2);
    }

    /** Every index 0..size-1 exactly once, and the head's root is the MTH of the stored leaves. */
    private void assertTreeIsWhole(long size) throws Exception {
        SignedTreeHead sth = log.reader.latestTreeHead();
        assertEquals(size, sth.treeSize());
        try (Connection c = log.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT leaf_index), coalesce(max(leaf_index), -1) FROM ct_entry")) {
            rs.next();
            assertEquals(size, rs.getLong(1));
            assertEquals(size, rs.getLong(2));
            assertEquals(size - 1, rs.getLong(3));
        }
        List<byte[]> hashes = new ArrayList<>();
        log.reader.entries(0, size - 1).forEach(e -> hashes.add(MerkleHashes.leafHash(e.leafInput())));
        assertTrue(java.util.Arrays.equals(MerkleTreeHash.of(hashes), sth.rootHash()));
    }

    /** A leader election that always grants the lead: the split brain the fencing must survive. */
    private static final class AlwaysLeader implements LeaderElection {
        @Override
        public boolean tryAcquire() {
            return true;
        }

        @Override
        public boolean isHeld() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
