package online.hypermesh.trustchain.ct.log;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import online.hypermesh.trustchain.ct.submit.AcceptedRoots;
import online.hypermesh.trustchain.ct.submit.ChainValidator;
import online.hypermesh.trustchain.ct.submit.Submission;
import online.hypermesh.trustchain.ct.support.KeyPairLogSigner;
import online.hypermesh.trustchain.ct.support.TestPki;

/** A log on a fresh PostgreSQL database, and sequencers on it that run on their own threads. */
final class LogFixture implements AutoCloseable {
    static final String ORIGIN = "ct.test.example/log";
    static final SequencerSettings SETTINGS = new SequencerSettings(Duration.ofMillis(2), 4096, 100_000, Duration.ofSeconds(30),
            Duration.ofMillis(50));

    final DataSource dataSource;
    final KeyPair key = TestPki.ecKey();
    final KeyPairLogSigner signer = new KeyPairLogSigner(key);
    final LogIdentity identity = new LogIdentity(key.getPublic(), ORIGIN);
    final JdbcLogStore store;
    final LogReader reader;
    final TestPki pki = new TestPki("Fixture");
    final ChainValidator validator = new ChainValidator(new AcceptedRoots(List.of(pki.root)));
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final List<Sequencer> started = new CopyOnWriteArrayList<>();

    LogFixture(DataSource dataSource) {
        this.dataSource = dataSource;
        this.store = new JdbcLogStore(dataSource);
        this.reader = new LogReader(identity, store, 100);
    }

    /** A sequencer with the real advisory-lock election, started. */
    Sequencer startSequencer() {
        return start(new PostgresAdvisoryLock(dataSource::getConnection, PostgresAdvisoryLock.keyFor(identity.logId())));
    }

    Sequencer start(LeaderElection election) {
        Sequencer s = track(new Sequencer(identity, signer, store, election, SETTINGS, System::currentTimeMillis));
        s.start(executor);
        return s;
    }

    /** Remembers a sequencer built elsewhere so that {@link #close} closes it too. */
    Sequencer track(Sequencer s) {
        started.add(s);
        return s;
    }

    /** Waits until the sequencer leads (a bounded wait for a state, not a speed assertion). */
    static void awaitLead(Sequencer s) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!s.isLeading()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sequencer never took the lead");
            }
            Thread.sleep(5);
        }
    }

    Submission leafSubmission(String name) {
        return validator.validateCertificateChain(List.of(der(pki.leaf(name)), der(pki.intermediate)));
    }

    Submission precertSubmission(String name) {
        return validator.validatePrecertificateChain(List.of(der(pki.precertificate(name)), der(pki.intermediate)));
    }

    static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    /** Closes every sequencer started or tracked here (closing one twice is harmless), then the executor. */
    public void close() {
        started.forEach(Sequencer::close);
        executor.shutdownNow();
    }
}
