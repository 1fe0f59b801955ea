package online.hypermesh.trustchain.ct.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.submit.Submission;
import online.hypermesh.trustchain.ct.support.TestDatabase;

/** The sequencer and the reader report what the deployment's metrics count: appends, heads, proofs. */
class LogMetricsTest {
    private final LogFixture log = new LogFixture(TestDatabase.freshDatabase());
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final Recorder metrics = new Recorder();

    @AfterEach
    void stop() {
        log.close();
        executor.shutdownNow();
    }

    static final class Recorder implements LogMetrics {
        final List<Long> appends = new CopyOnWriteArrayList<>();
        final List<Long> headSizes = new CopyOnWriteArrayList<>();
        final List<Proof> proofs = new CopyOnWriteArrayList<>();

        @Override
        public void appended(long nanos) {
            appends.add(nanos);
        }

        @Override
        public void treeHead(SignedTreeHead head) {
            headSizes.add(head.treeSize());
        }

        @Override
        public void proofGenerated(Proof proof, long nanos) {
            proofs.add(proof);
        }
    }

    @Test
    void newEntriesAreAppends_duplicatesAreNot_everyCommittedHeadIsReported() throws Exception {
        Sequencer s = log.track(new Sequencer(log.identity, log.signer, log.store,
                new PostgresAdvisoryLock(log.dataSource::getConnection, PostgresAdvisoryLock.keyFor(log.identity.logId())), LogFixture.SETTINGS,
                System::currentTimeMillis, metrics));
        s.start(executor);
        LogFixture.awaitLead(s);
        assertEquals(List.of(0L), metrics.headSizes, "taking the lead reports the loaded head");

        Submission one = log.leafSubmission("one.example");
        s.submit(one).get(30, TimeUnit.SECONDS);
        s.submit(log.precertSubmission("two.example")).get(30, TimeUnit.SECONDS);
        s.submit(one).get(30, TimeUnit.SECONDS);

        assertEquals(2, metrics.appends.size(), "a duplicate adds nothing to the log: " + metrics.appends);
        assertTrue(metrics.appends.stream().allMatch(n -> n > 0));
        assertEquals(2L, metrics.headSizes.get(metrics.headSizes.size() - 1));
    }

    @Test
    void readerReportsEachProofItComputes() throws Exception {
        Sequencer s = log.startSequencer();
        LogFixture.awaitLead(s);
        AddedEntry first = s.submit(log.leafSubmission("a.example")).get(30, TimeUnit.SECONDS);
        s.submit(log.leafSubmission("b.example")).get(30, TimeUnit.SECONDS);
        s.submit(log.leafSubmission("c.example")).get(30, TimeUnit.SECONDS);
        LogReader reader = new LogReader(log.identity, log.store, 100, metrics);

        reader.consistencyProof(1, 3);
        reader.consistencyProof(3, 3); // trivially empty: nothing computed
        LogReader.EntryAndProof ep = reader.entryAndProof(first.leafIndex(), 3);
        reader.proofByHash(MerkleHashes.leafHash(ep.entry().leafInput()), 3);

        assertEquals(List.of(LogMetrics.Proof.CONSISTENCY, LogMetrics.Proof.INCLUSION, LogMetrics.Proof.INCLUSION), metrics.proofs);
    }
}
