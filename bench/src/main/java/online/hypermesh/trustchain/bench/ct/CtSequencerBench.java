package online.hypermesh.trustchain.bench.ct;

import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import online.hypermesh.trustchain.ct.entry.CtExtensions;
import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.log.AddedEntry;
import online.hypermesh.trustchain.ct.log.JdbcLogStore;
import online.hypermesh.trustchain.ct.log.LogIdentity;
import online.hypermesh.trustchain.ct.log.LogSigner;
import online.hypermesh.trustchain.ct.log.PostgresAdvisoryLock;
import online.hypermesh.trustchain.ct.log.Sequencer;
import online.hypermesh.trustchain.ct.log.SequencerSettings;
import online.hypermesh.trustchain.ct.log.SignedTreeHead;
import online.hypermesh.trustchain.ct.sct.SignatureInputs;
import online.hypermesh.trustchain.ct.submit.Submission;

/**
 * Throughput and latency of the CT log's write path without HTTP: the real {@link Sequencer} with
 * {@link JdbcLogStore} and {@link PostgresAdvisoryLock} on a fresh PostgreSQL database, a
 * software P-256 log key (Bouncy Castle, as the deployment's software token), and distinct
 * pre-minted certificates submitted as already-checked chains (leaf, intermediate, root), so chain
 * validation is not part of the figure ({@code bench/ct.sh} measures the whole HTTP path).
 * Latency is from {@code submit} to the future completing with the SCT, which the sequencer
 * does only after the entry is committed in a signed tree head: so it is also the time to
 * inclusion.
 *
 * <p>Modes:
 * <ul>
 * <li>{@code burst}: {@code --submitters} threads hand {@code --entries} submissions to the log as
 *     fast as they can; entries/s is entries over the time from the first submission to the last SCT.</li>
 * <li>{@code closed}: {@code --submitters} threads each submit one entry, wait for its SCT, and
 *     repeat, for {@code --duration} seconds (like request threads of the server).</li>
 * <li>{@code rate}: one thread submits at a fixed {@code --rate} per second for {@code --duration}
 *     seconds (open loop: latency counts from the intended send time, so a stall is not hidden).</li>
 * </ul>
 * Every mode first runs {@code --warmup} seconds (or, for burst, a burst of a fifth of the
 * entries) that are not measured. Afterwards it checks that the tree holds every submission and
 * that a sample of SCTs verify over the RFC 6962 bytes with the log key.
 */
public final class CtSequencerBench {
    static final String USAGE = String.join("\n",
            "Usage: bench/ct-sequencer.sh [--mode burst|closed|rate] [options]",
            "  --mode burst|closed|rate   default burst",
            "  --entries N                burst size (default 50000); closed: certificates minted (default 200000)",
            "  --submitters N             submitting threads (default 8 for burst, 64 for closed)",
            "  --rate R                   entries per second in rate mode (default 3000)",
            "  --duration S               measured seconds, closed and rate (default 20)",
            "  --warmup S                 unmeasured seconds first (default 5)",
            "  --flush-ms MS              sequencer flush period (default 5, as deployed)",
            "  --max-batch N              entries per transaction (default 4096)",
            "  --db-url URL               admin JDBC URL (default jdbc:postgresql://127.0.0.1:5432/postgres)",
            "  --db-user U / --db-password P   default postgres / empty",
            "  --migrations DIR           db/migrations of the repository (default db/migrations)",
            "  --pool N                   JDBC pool size (default 4)",
            "  --keep-db                  do not drop the bench database afterwards");

    private static final Set<String> VALUED = Set.of("mode", "entries", "submitters", "rate", "duration", "warmup", "flush-ms", "max-batch",
            "db-url", "db-user", "db-password", "migrations", "pool");
    private static final Set<String> SWITCHES = Set.of("keep-db", "help");
    private static final int VERIFY_SAMPLE = 200;

    private final Flags flags;
    private final String mode;
    private final BenchPki pki = new BenchPki("CT Sequencer Bench");
    private final List<CompletableFuture<AddedEntry>> sample = new ArrayList<>();
    private final List<Submission> sampleSubmissions = new ArrayList<>();

    private CtSequencerBench(Flags flags) {
        this.flags = flags;
        this.mode = flags.string("mode", "burst");
        if (!Set.of("burst", "closed", "rate").contains(mode)) {
            throw new IllegalArgumentException("--mode must be burst, closed or rate, was " + mode);
        }
    }

    public static void main(String[] argv) throws Exception {
        java.util.logging.Logger.getLogger("org.flywaydb").setLevel(java.util.logging.Level.WARNING);
        Flags flags;
        try {
            flags = Flags.parse(argv, VALUED, SWITCHES);
            if (flags.bool("help")) {
                System.out.println(USAGE);
                return;
            }
            new CtSequencerBench(flags).run();
        } catch (IllegalArgumentException e) {
            System.err.println("ct-sequencer: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        int flushMs = flags.integer("flush-ms", 5, 1, 1000);
        int maxBatch = flags.integer("max-batch", 4096, 1, 1_000_000);
        int warmup = flags.integer("warmup", 5, 0, 3600);
        int duration = flags.integer("duration", 20, 1, 3600);
        int rate = flags.integer("rate", 3000, 1, 1_000_000);
        int submitters = flags.integer("submitters", "closed".equals(mode) ? 64 : 8, 1, 10_000);
        int entries = switch (mode) {
            case "burst" -> flags.integer("entries", 50_000, 1, 10_000_000);
            case "rate" -> Math.addExact(rate * (warmup + duration), 1000);
            default -> flags.integer("entries", 200_000, 1, 10_000_000);
        };
        int warmupEntries = "burst".equals(mode) ? Math.max(1, entries / 5) : 0;

        long mintStart = System.nanoTime();
        List<Submission> submissions = submissions(entries + warmupEntries);
        System.out.printf(Locale.ROOT, "minted %d distinct certificates in %.1f s%n", submissions.size(), seconds(System.nanoTime() - mintStart));

        SequencerSettings defaults = SequencerSettings.defaults();
        SequencerSettings settings = new SequencerSettings(Duration.ofMillis(flushMs), maxBatch, Math.max(defaults.maxPending(), entries + warmupEntries),
                defaults.headRefresh(), defaults.leaderRetry());
        try (BenchDatabase db = new BenchDatabase(flags.string("db-url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                flags.string("db-user", "postgres"), flags.string("db-password", ""), Path.of(flags.string("migrations", "db/migrations")),
                flags.integer("pool", 4, 3, 64), flags.bool("keep-db"))) {
            var key = BenchPki.ecKey();
            TimedSigner signer = new TimedSigner(new BcLogSigner(key));
            LogIdentity identity = new LogIdentity(key.getPublic(), "ct.bench.example/log");
            InstrumentedLogStore store = new InstrumentedLogStore(new JdbcLogStore(db.dataSource()));
            // As many threads as processors, like the container's managed scheduled executor: the flush task
            // runs on one, and the sequencer may use the others to sign a large batch's SCTs in parallel.
            AtomicInteger threadNumber = new AtomicInteger();
            ScheduledExecutorService flusher = Executors.newScheduledThreadPool(Runtime.getRuntime().availableProcessors(),
                    r -> new Thread(r, "ct-sequencer-" + threadNumber.incrementAndGet()));
            Sequencer sequencer = new Sequencer(identity, signer, store,
                    new PostgresAdvisoryLock(db.dataSource()::getConnection, PostgresAdvisoryLock.keyFor(identity.logId())), settings, System::currentTimeMillis);
            try {
                sequencer.start(flusher);
                if (!sequencer.isLeading()) {
                    throw new IllegalStateException("the sequencer did not take the lead on a fresh database");
                }
                System.out.printf(Locale.ROOT, "database %s, flush %d ms, max batch %d, mode %s%n", db.name(), flushMs, maxBatch, mode);
                Result r = switch (mode) {
                    case "burst" -> burst(sequencer, submissions, warmupEntries, submitters, store, signer);
                    case "closed" -> closed(sequencer, submissions, submitters, warmup, duration, store, signer);
                    default -> rate(sequencer, submissions, rate, warmup, duration, store, signer);
                };
                int wrong = verifySample(key.getPublic());
                SignedTreeHead head = store.latestTreeHead(identity.logId()).orElseThrow();
                r.print(mode, submitters, rate, flushMs, maxBatch, head.treeSize(), wrong);
                if (wrong > 0 || r.failed > 0 || head.treeSize() != r.submittedTotal) {
                    System.out.printf("FAILED: %d wrong SCTs, %d failed submissions, tree size %d for %d submissions%n", wrong, r.failed,
                            head.treeSize(), r.submittedTotal);
                    System.exit(1);
                }
            } finally {
                sequencer.close();
                flusher.shutdownNow();
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    private List<Submission> submissions(int count) {
        byte[] intermediate = pki.intermediate();
        byte[] root = pki.root();
        String run = Long.toString(System.currentTimeMillis(), 36);
        return pki.leaves("e" + run + "-", count).stream()
                .map(leaf -> new Submission(SignedEntry.x509(leaf), null, List.of(intermediate, root)))
                .toList();
    }

    private Result burst(Sequencer sequencer, List<Submission> all, int warmupEntries, int submitters, InstrumentedLogStore store,
                         TimedSigner signer) throws Exception {
        Phase warm = submitAll(sequencer, all.subList(0, warmupEntries), submitters, false);
        warm.done.await();
        Snapshot before = Snapshot.of(store, signer);
        Phase measured = submitAll(sequencer, all.subList(warmupEntries, all.size()), submitters, true);
        measured.done.await();
        long window = measured.lastCompletion.get() - measured.firstSubmit;
        return new Result(all.size() - warmupEntries, measured.failed.sum(), window, measured.latency, Snapshot.of(store, signer).minus(before),
                all.size(), measured.cpuNanos());
    }

    /** Submitters hand their share to the log without waiting; completions are recorded by callbacks. */
    private Phase submitAll(Sequencer sequencer, List<Submission> list, int submitters, boolean keepSample) throws InterruptedException {
        Phase phase = new Phase(list.size());
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        phase.firstSubmit = System.nanoTime();
        for (int t = 0; t < submitters; t++) {
            Thread thread = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < list.size()) {
                    long start = System.nanoTime();
                    CompletableFuture<AddedEntry> f = sequencer.submit(list.get(i));
                    phase.track(f, start);
                    if (keepSample && i % Math.max(1, list.size() / VERIFY_SAMPLE) == 0) {
                        synchronized (sample) {
                            sample.add(f);
                            sampleSubmissions.add(list.get(i));
                        }
                    }
                }
            }, "submitter-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return phase;
    }

    private Result closed(Sequencer sequencer, List<Submission> all, int submitters, int warmup, int duration, InstrumentedLogStore store,
                          TimedSigner signer) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
        AtomicLong lastMeasuredCompletion = new AtomicLong();
        Snapshot[] before = new Snapshot[1];
        long[] cpuBefore = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < submitters; t++) {
            Thread thread = new Thread(() -> {
                int i;
                while (System.nanoTime() < end && (i = next.getAndIncrement()) < all.size()) {
                    long t0 = System.nanoTime();
                    CompletableFuture<AddedEntry> f = sequencer.submit(all.get(i));
                    try {
                        f.get(60, TimeUnit.SECONDS);
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom) {
                            latency.recordValue((t1 - t0) / 1000);
                            ok.increment();
                            lastMeasuredCompletion.accumulateAndGet(t1, Math::max);
                            if (ok.sum() % 97 == 0) {
                                synchronized (sample) {
                                    if (sample.size() < VERIFY_SAMPLE) {
                                        sample.add(f);
                                        sampleSubmissions.add(all.get(i));
                                    }
                                }
                            }
                        }
                    } catch (Exception e) {
                        failed.increment();
                    }
                }
            }, "submitter-" + t);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        sleepUntil(measureFrom);
        before[0] = Snapshot.of(store, signer);
        cpuBefore[0] = Phase.processCpu();
        for (Thread thread : threads) {
            thread.join();
        }
        if (next.get() >= all.size()) {
            System.out.println("note: ran out of minted certificates before the end; raise --entries");
        }
        long window = Math.max(1, lastMeasuredCompletion.get() - measureFrom);
        return new Result(ok.sum(), failed.sum(), window, latency, Snapshot.of(store, signer).minus(before[0]),
                Math.min(next.get(), all.size()), Phase.processCpu() - cpuBefore[0]);
    }

    private Result rate(Sequencer sequencer, List<Submission> all, int rate, int warmup, int duration, InstrumentedLogStore store,
                        TimedSigner signer) throws Exception {
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
        int warmupCount = rate * warmup;
        Phase measured = new Phase(rate * duration);
        Phase warm = new Phase(warmupCount);
        Snapshot before = null;
        long cpuBefore = 0;
        int i = 0;
        for (long intended = start; intended < end && i < all.size(); intended += period, i++) {
            long now = System.nanoTime();
            if (intended > now) {
                LockSupport.parkNanos(intended - now);
            }
            boolean measuring = intended >= measureFrom;
            if (measuring && before == null) {
                before = Snapshot.of(store, signer);
                cpuBefore = Phase.processCpu();
                measured.firstSubmit = intended;
            }
            CompletableFuture<AddedEntry> f = sequencer.submit(all.get(i));
            (measuring ? measured : warm).track(f, intended);
            if (measuring && i % Math.max(1, rate * duration / VERIFY_SAMPLE) == 0) {
                sample.add(f);
                sampleSubmissions.add(all.get(i));
            }
        }
        warm.done.await();
        measured.done.await();
        long window = Math.max(1, end - measureFrom);
        return new Result(measured.expected, measured.failed.sum(), window, measured.latency, Snapshot.of(store, signer).minus(before), i,
                Phase.processCpu() - cpuBefore);
    }

    private int verifySample(java.security.PublicKey logKey) throws Exception {
        int wrong = 0;
        for (int k = 0; k < sample.size(); k++) {
            AddedEntry added = sample.get(k).get(60, TimeUnit.SECONDS);
            var sct = added.sct();
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(logKey);
            v.update(SignatureInputs.certificateTimestamp(sct.timestamp(), sampleSubmissions.get(k).entry(), sct.extensions()));
            boolean ok = v.verify(sct.signature().signature())
                    && CtExtensions.findLeafIndex(sct.extensions()).orElse(-1) == added.leafIndex();
            if (!ok) {
                wrong++;
            }
        }
        System.out.printf("verified %d sampled SCTs with the log key (SunEC): %d wrong%n", sample.size(), wrong);
        return wrong;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Submissions of one phase, completed by callbacks on the sequencer's thread. */
    private static final class Phase {
        final int expected;
        final CountDownLatch done;
        final ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        final LongAdder failed = new LongAdder();
        final AtomicLong lastCompletion = new AtomicLong();
        final long cpuStart = processCpu();
        long firstSubmit;

        Phase(int expected) {
            this.expected = expected;
            this.done = new CountDownLatch(expected);
        }

        void track(CompletableFuture<AddedEntry> f, long start) {
            f.whenComplete((added, error) -> {
                long now = System.nanoTime();
                if (error == null) {
                    latency.recordValue(Math.max(0, now - start) / 1000);
                } else {
                    failed.increment();
                }
                lastCompletion.accumulateAndGet(now, Math::max);
                done.countDown();
            });
        }

        long cpuNanos() {
            return processCpu() - cpuStart;
        }

        static long processCpu() {
            var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        }
    }

    /** Time the log spent in its store and signer, to split a flush into its parts. */
    record Snapshot(long batches, long entries, long appendNanos, long lookupNanos, long signatures, long signNanos) {
        static Snapshot of(InstrumentedLogStore store, TimedSigner signer) {
            return new Snapshot(store.batches.sum(), store.entries.sum(), store.appendNanos.sum(), store.lookupNanos.sum(),
                    signer.count.sum(), signer.nanos.sum());
        }

        Snapshot minus(Snapshot o) {
            return new Snapshot(batches - o.batches, entries - o.entries, appendNanos - o.appendNanos, lookupNanos - o.lookupNanos,
                    signatures - o.signatures, signNanos - o.signNanos);
        }
    }

    /** A signer that adds up its calls and their time (summed over threads if signing runs in parallel). */
    static final class TimedSigner implements LogSigner {
        private final LogSigner signer;
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();

        TimedSigner(LogSigner signer) {
            this.signer = signer;
        }

        @Override
        public java.security.PublicKey publicKey() {
            return signer.publicKey();
        }

        @Override
        public byte[] sign(online.hypermesh.trustchain.ct.sct.CertificateTimestampInput sct) {
            long t = System.nanoTime();
            byte[] s = signer.sign(sct);
            nanos.add(System.nanoTime() - t);
            count.increment();
            return s;
        }

        @Override
        public byte[] sign(online.hypermesh.trustchain.ct.sct.TreeHeadInput treeHead) {
            long t = System.nanoTime();
            byte[] s = signer.sign(treeHead);
            nanos.add(System.nanoTime() - t);
            count.increment();
            return s;
        }
    }

    private record Result(long ok, long failed, long windowNanos, Histogram latencyMicros, Snapshot parts, long submittedTotal,
                          long cpuNanos) {
        void print(String mode, int submitters, int rate, int flushMs, int maxBatch, long treeSize, int wrong) {
            double window = seconds(windowNanos);
            double perSecond = ok / window;
            double p50 = latencyMicros.getValueAtPercentile(50) / 1000.0;
            double p99 = latencyMicros.getValueAtPercentile(99) / 1000.0;
            double max = latencyMicros.getMaxValue() / 1000.0;
            double meanBatch = parts.batches == 0 ? 0 : (double) parts.entries / parts.batches;
            System.out.printf(Locale.ROOT, "%n%s: %d entries sequenced in %.2f s = %.0f entries/s, %d failed%n", mode, ok, window, perSecond, failed);
            System.out.printf(Locale.ROOT, "submit -> SCT (entry committed in a signed tree head): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                    p50, latencyMicros.getValueAtPercentile(90) / 1000.0, p99, latencyMicros.getValueAtPercentile(99.9) / 1000.0, max);
            System.out.printf(Locale.ROOT, "batches %d (mean %.0f entries); per entry: signing %.1f µs, commit %.1f µs, duplicate look-up %.1f µs; process CPU %.2f cores%n",
                    parts.batches, meanBatch, micros(parts.signNanos, parts.entries), micros(parts.appendNanos, parts.entries),
                    micros(parts.lookupNanos, parts.entries), cpuNanos / (double) windowNanos);
            System.out.printf(Locale.ROOT, "RESULT {\"benchmark\":\"ct-sequencer\",\"finished_at\":\"%s\",\"mode\":\"%s\",\"submitters\":%d,\"rate\":%s,"
                            + "\"flush_ms\":%d,\"max_batch\":%d,\"entries\":%d,\"failed\":%d,\"window_s\":%.3f,\"entries_per_s\":%.1f,"
                            + "\"latency_ms\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},\"batches\":%d,\"mean_batch\":%.1f,\"tree_size\":%d,"
                            + "\"wrong_scts\":%d,\"passed\":%s}%n",
                    Instant.now(), mode, submitters, "rate".equals(mode) ? Integer.toString(rate) : "null", flushMs, maxBatch, ok, failed, window,
                    perSecond, p50, p99, max, parts.batches, meanBatch, treeSize, wrong, wrong == 0 && failed == 0 && perSecond >= 3000 && p99 < 1000);
        }

        private static double micros(long nanos, long entries) {
            return entries == 0 ? 0 : nanos / 1000.0 / entries;
        }
    }
}
