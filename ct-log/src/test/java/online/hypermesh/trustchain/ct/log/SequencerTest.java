package online.hypermesh.trustchain.ct.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.entry.CtExtensions;
import online.hypermesh.trustchain.ct.entry.LogEntryType;
import online.hypermesh.trustchain.ct.entry.MerkleTreeLeaf;
import online.hypermesh.trustchain.ct.entry.TimestampedEntry;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.MerkleTreeHash;
import online.hypermesh.trustchain.ct.merkle.ProofVerifier;
import online.hypermesh.trustchain.ct.sct.SignatureInputs;
import online.hypermesh.trustchain.ct.sct.SignedCertificateTimestamp;
import online.hypermesh.trustchain.ct.submit.Submission;
import online.hypermesh.trustchain.ct.support.TestDatabase;

class SequencerTest {
    private final LogFixture log = new LogFixture(TestDatabase.freshDatabase());

    @AfterEach
    void stop() {
        log.close();
    }

    private Sequencer leader() throws InterruptedException {
        Sequencer s = log.startSequencer();
        LogFixture.awaitLead(s);
        return s;
    }

    private static AddedEntry await(CompletableFuture<AddedEntry> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void addChain_returnsAnSctThatVerifiesOverTheRfc6962Bytes() throws Exception {
        Sequencer s = leader();
        Submission submission = log.leafSubmission("sct.example");
        AddedEntry added = await(s.submit(submission));
        SignedCertificateTimestamp sct = added.sct();

        assertArrayEquals(log.identity.logId(), sct.logId());
        assertEquals(OptionalLong.of(added.leafIndex()), CtExtensions.findLeafIndex(sct.extensions()));
        assertEquals(8, sct.extensions().length);
        byte[] signed = RfcBytes.sctInputX509(sct.timestamp(), submission.entry().certificate(), sct.extensions());
        assertArrayEquals(signed, SignatureInputs.certificateTimestamp(sct.timestamp(), submission.entry(), sct.extensions()));
        assertTrue(RfcBytes.verifies(log.key.getPublic(), signed, sct.signature().signature()));
        assertFalse(added.duplicate());
    }

    @Test
    void sctEntry_isInTheNextSignedTreeHeadWithAVerifyingInclusionProof() throws Exception {
        Sequencer s = leader();
        AddedEntry first = await(s.submit(log.leafSubmission("one.example")));
        AddedEntry second = await(s.submit(log.precertSubmission("two.example")));

        SignedTreeHead sth = log.reader.latestTreeHead();
        assertEquals(2, sth.treeSize());
        assertTrue(sth.timestamp() >= second.sct().timestamp(), "the SCT's entry is already in this head");
        assertTrue(RfcBytes.verifies(log.key.getPublic(), RfcBytes.treeHeadInput(sth.timestamp(), sth.treeSize(), sth.rootHash()),
                sth.signature().signature()));

        for (AddedEntry added : List.of(first, second)) {
            LogReader.EntryAndProof ep = log.reader.entryAndProof(added.leafIndex(), sth.treeSize());
            TimestampedEntry te = MerkleTreeLeaf.decode(ep.entry().leafInput());
            assertEquals(added.sct().timestamp(), te.timestamp());
            assertArrayEquals(added.sct().extensions(), te.extensions());
            byte[] leafHash = MerkleHashes.leafHash(ep.entry().leafInput());
            ProofVerifier.verifyInclusion(added.leafIndex(), sth.treeSize(), leafHash, ep.auditPath(), sth.rootHash());
            LogReader.InclusionProof byHash = log.reader.proofByHash(leafHash, sth.treeSize());
            assertEquals(added.leafIndex(), byHash.leafIndex());
        }
        assertEquals(LogEntryType.PRECERT_ENTRY, MerkleTreeLeaf.decode(log.reader.entries(1, 1).get(0).leafInput()).entry().type());
    }

    @Test
    void duplicateSubmission_returnsTheFirstSctAndAddsNothing() throws Exception {
        Sequencer s = leader();
        Submission submission = log.leafSubmission("dup.example");
        AddedEntry first = await(s.submit(submission));
        long size = log.reader.latestTreeHead().treeSize();

        AddedEntry again = await(s.submit(submission));
        assertTrue(again.duplicate());
        assertEquals(first.leafIndex(), again.leafIndex());
        assertArrayEquals(first.sct().encode(), again.sct().encode());
        assertEquals(size, log.reader.latestTreeHead().treeSize());

        // Twice in the same batch: one entry, both answered with its SCT.
        Submission other = log.leafSubmission("dup2.example");
        CompletableFuture<AddedEntry> a = s.submit(other);
        CompletableFuture<AddedEntry> b = s.submit(other);
        assertArrayEquals(await(a).sct().encode(), await(b).sct().encode());
        assertEquals(size + 1, log.reader.latestTreeHead().treeSize());
    }

    @Test
    void parallelSubmissions_areEachLoggedExactlyOnceInOneConsistentTree() throws Exception {
        Sequencer s = leader();
        int distinct = 400;
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            submissions.add(log.leafSubmission("p" + i + ".example"));
        }
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<AddedEntry>> answers = new ArrayList<>();
        try {
            // Every submission twice, from different threads, in shuffled order.
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < distinct; i++) {
                    Submission sub = submissions.get(round == 0 ? i : distinct - 1 - i);
                    answers.add(clients.submit(() -> await(s.submit(sub))));
                }
            }
            Set<Long> indexes = new HashSet<>();
            for (Future<AddedEntry> f : answers) {
                indexes.add(f.get(60, TimeUnit.SECONDS).leafIndex());
            }
            assertEquals(distinct, indexes.size(), "both submissions of a certificate share one index");
        } finally {
            clients.shutdownNow();
        }

        SignedTreeHead sth = log.reader.latestTreeHead();
        assertEquals(distinct, sth.treeSize());
        try (Connection c = log.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT identity_hash), min(leaf_index), max(leaf_index) FROM ct_entry")) {
            rs.next();
            assertEquals(distinct, rs.getLong(1));
            assertEquals(distinct, rs.getLong(2));
            assertEquals(0, rs.getLong(3));
            assertEquals(distinct - 1, rs.getLong(4));
        }
        List<byte[]> leafHashes = new ArrayList<>();
        for (long start = 0; start < distinct; start += log.reader.maxEntriesPerRequest()) {
            log.reader.entries(start, distinct - 1).forEach(e -> leafHashes.add(MerkleHashes.leafHash(e.leafInput())));
        }
        assertArrayEquals(MerkleTreeHash.of(leafHashes), sth.rootHash(), "the stored root is the MTH of the stored leaves");
    }

    @Test
    void largeBatch_signedInParallel_evenWhenTheExecutorIsBusy_givesEveryEntryAVerifyingSctForItsIndex() throws Exception {
        ScheduledExecutorService busy = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch release = new CountDownLatch(1);
        try {
            // A flush period of an hour: the test runs the flush itself, with the batch it queued.
            Sequencer s = new Sequencer(log.identity, log.signer, log.store,
                    new PostgresAdvisoryLock(log.dataSource::getConnection, PostgresAdvisoryLock.keyFor(log.identity.logId())),
                    new SequencerSettings(Duration.ofHours(1), 4096, 100_000, Duration.ofHours(1), Duration.ofMillis(50)),
                    System::currentTimeMillis);
            log.track(s);
            s.start(busy);
            assertTrue(s.isLeading());
            // The executor's only thread is taken, so no helper can run: the flush thread must sign all.
            busy.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            List<Submission> submissions = new ArrayList<>();
            List<CompletableFuture<AddedEntry>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                submissions.add(log.leafSubmission("batch" + i + ".example"));
                answers.add(s.submit(submissions.get(i)));
            }
            s.flushSafely();
            release.countDown();

            Set<Long> indexes = new HashSet<>();
            for (int i = 0; i < submissions.size(); i++) {
                AddedEntry added = answers.get(i).getNow(null);
                SignedCertificateTimestamp sct = added.sct();
                assertEquals(OptionalLong.of(added.leafIndex()), CtExtensions.findLeafIndex(sct.extensions()));
                assertTrue(RfcBytes.verifies(log.key.getPublic(),
                        SignatureInputs.certificateTimestamp(sct.timestamp(), submissions.get(i).entry(), sct.extensions()),
                        sct.signature().signature()), "SCT " + i + " verifies over its own entry");
                indexes.add(added.leafIndex());
            }
            assertEquals(300, indexes.size());
            assertEquals(300, log.reader.latestTreeHead().treeSize(), "one flush, one batch, one tree head");

            // Again with the thread free, so helpers do sign.
            List<CompletableFuture<AddedEntry>> more = new ArrayList<>();
            List<Submission> moreSubmissions = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                moreSubmissions.add(log.leafSubmission("batch2-" + i + ".example"));
                more.add(s.submit(moreSubmissions.get(i)));
            }
            s.flushSafely();
            for (int i = 0; i < more.size(); i++) {
                SignedCertificateTimestamp sct = more.get(i).getNow(null).sct();
                assertTrue(RfcBytes.verifies(log.key.getPublic(),
                        SignatureInputs.certificateTimestamp(sct.timestamp(), moreSubmissions.get(i).entry(), sct.extensions()),
                        sct.signature().signature()));
            }
            assertEquals(600, log.reader.latestTreeHead().treeSize());
        } finally {
            release.countDown();
            busy.shutdownNow();
        }
    }

    @Test
    void aNewSequencer_continuesTheSameTreeAfterRestart() throws Exception {
        Sequencer first = leader();
        await(first.submit(log.leafSubmission("before1.example")));
        await(first.submit(log.leafSubmission("before2.example")));
        await(first.submit(log.leafSubmission("before3.example")));
        SignedTreeHead before = log.reader.latestTreeHead();
        first.close();

        Sequencer second = leader();
        AddedEntry after = await(second.submit(log.leafSubmission("after.example")));
        assertEquals(before.treeSize(), after.leafIndex());
        SignedTreeHead now = log.reader.latestTreeHead();
        ProofVerifier.verifyConsistency(before.treeSize(), now.treeSize(), before.rootHash(), now.rootHash(),
                log.reader.consistencyProof(before.treeSize(), now.treeSize()));
    }
}
