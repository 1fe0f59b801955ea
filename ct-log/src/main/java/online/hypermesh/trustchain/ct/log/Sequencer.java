package online.hypermesh.trustchain.ct.log;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import online.hypermesh.trustchain.ct.entry.CtExtensions;
import online.hypermesh.trustchain.ct.entry.MerkleTreeLeaf;
import online.hypermesh.trustchain.ct.entry.TileLeaf;
import online.hypermesh.trustchain.ct.entry.TimestampedEntry;
import online.hypermesh.trustchain.ct.merkle.CompactRange;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.NodeId;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.sct.CertificateTimestampInput;
import online.hypermesh.trustchain.ct.sct.SignedCertificateTimestamp;
import online.hypermesh.trustchain.ct.submit.CertificateHashes;
import online.hypermesh.trustchain.ct.submit.Submission;

/**
 * The only writer of a log. Submitters put entries in a pool; every {@code flushPeriod} the
 * sequencer's thread takes the pool as one batch, assigns indexes, signs the SCTs and a new tree
 * head, commits all of it in one transaction ({@link LogStore#append}) and only then completes the
 * submitters' futures. So an SCT is never handed out for an entry that a crash could lose, every
 * SCT's entry is already in a signed tree head (merge delay zero), and its leaf_index extension
 * is final.
 *
 * <p>Leadership: the sequencer sequences only while {@link LeaderElection} says it leads, checks
 * that before each flush, and every commit is a compare-and-set on the tree size, so even a
 * sequencer that lost the lead without noticing cannot fork the tree. After any failed commit it
 * reloads its state from the store, because the commit may or may not have happened.
 *
 * <p>Threads: {@link #submit} is thread-safe. All other state (the compact range, the latest
 * head) is owned by the flush task, which the executor never runs concurrently with itself
 * (fixed-delay scheduling). The SCT signatures of a large batch are the one part of a flush that
 * runs on several threads ({@link ParallelSigning}): helpers from the same executor sign slices
 * of the batch while the flush thread signs too, and the flush goes on only when every slice is
 * signed. They touch nothing but their slice of inputs and outputs.
 *
 * <p>Crash points: before the commit, nothing of the batch is stored and no submitter got an
 * answer; after the commit but before the futures complete, the entries are logged and a
 * resubmission finds them and gets the stored SCT.
 */
public final class Sequencer implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Sequencer.class.getName());

    private final LogIdentity identity;
    private final byte[] logId;
    private final LogSigner signer;
    private final TreeHeadSigner heads;
    private final LogStore store;
    private final LeaderElection election;
    private final SequencerSettings settings;
    private final LongSupplier clock;

    private final ConcurrentLinkedQueue<Pending> pool = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();
    private volatile boolean leading;
    private volatile boolean closed;
    private volatile SignedTreeHead latestHead;
    private volatile ScheduledFuture<?> task;
    /** Where helper threads for parallel signing come from: the flush task's executor, once started. */
    private volatile Executor helpers;

    // Owned by the flush task.
    private CompactRange range;
    private long lastLeaderAttempt = Long.MIN_VALUE;

    public Sequencer(LogIdentity identity, LogSigner signer, LogStore store, LeaderElection election,
                     SequencerSettings settings, LongSupplier clock) {
        this.identity = identity;
        this.logId = identity.logId();
        this.signer = signer;
        this.heads = new TreeHeadSigner(signer);
        this.store = store;
        this.election = election;
        this.settings = settings;
        this.clock = clock;
        if (!Arrays.equals(CertificateHashes.sha256(signer.publicKey().getEncoded()), logId)) {
            throw new IllegalArgumentException("the signer's key is not the log's key");
        }
    }

    /**
     * Tries to take the lead in the caller's thread (so that a node alone on its database can
     * take submissions as soon as this returns), then schedules the flush task. The task is not
     * running yet during the first attempt, so the flush state still has a single owner.
     */
    public void start(ScheduledExecutorService executor) {
        helpers = executor;
        flushSafely();
        task = executor.scheduleWithFixedDelay(this::flushSafely, settings.flushPeriod().toNanos(), settings.flushPeriod().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    public LogIdentity identity() {
        return identity;
    }

    /** Whether this sequencer currently leads the log (and so accepts submissions). */
    public boolean isLeading() {
        return leading;
    }

    /** The latest head this sequencer committed or loaded, or null before it first led. */
    public SignedTreeHead latestHead() {
        return latestHead;
    }

    /**
     * Queues a checked submission. The future completes with the SCT once the entry is committed
     * in a signed tree, or fails with {@link LogUnavailableException}.
     */
    public CompletableFuture<AddedEntry> submit(Submission submission) {
        Pending pending = new Pending(submission, submission.entry().identityHash());
        if (closed || !leading) {
            pending.future.completeExceptionally(new LogUnavailableException(
                    closed ? "the log is shutting down" : "this node does not lead the log; another node sequences it"));
            return pending.future;
        }
        if (pooled.incrementAndGet() > settings.maxPending()) {
            pooled.decrementAndGet();
            pending.future.completeExceptionally(new LogUnavailableException("the log's submission pool is full; retry shortly"));
            return pending.future;
        }
        pool.add(pending);
        return pending.future;
    }

    /** One run of the flush task; exposed for tests that drive the sequencer without an executor. */
    void flushSafely() {
        try {
            flush();
        } catch (RuntimeException | Error e) {
            // A scheduled task that throws is never run again; log and go on.
            LOG.log(Level.ERROR, "CT sequencer flush failed", e);
        }
    }

    private void flush() {
        if (closed) {
            return;
        }
        if (!leading) {
            failAll(drain(Integer.MAX_VALUE), new LogUnavailableException("this node does not lead the log"));
            tryToLead();
            if (!leading) {
                return;
            }
        }
        List<Pending> batch = drain(settings.maxBatch());
        boolean headDue = clock.getAsLong() - latestHead.timestamp() >= settings.headRefresh().toMillis();
        if (batch.isEmpty() && !headDue) {
            return;
        }
        if (!election.isHeld()) {
            stepDown("the database lock is gone");
            failAll(batch, new LogUnavailableException("this node lost the lead of the log; retry"));
            return;
        }
        try {
            sequence(batch, headDue);
        } catch (ForkRefusedException e) {
            failAll(batch, new LogUnavailableException("another sequencer wrote the log; retry", e));
            stepDown(e.getMessage());
        } catch (RuntimeException e) {
            failAll(batch, new LogUnavailableException("the log could not commit the batch; retry", e));
            reloadOrStepDown();
        }
    }

    private void sequence(List<Pending> batch, boolean headDue) {
        Map<String, List<Pending>> byIdentity = new LinkedHashMap<>();
        for (Pending p : batch) {
            byIdentity.computeIfAbsent(p.identityKey(), k -> new ArrayList<>()).add(p);
        }
        Map<String, LogStore.StoredSct> existing = byIdentity.isEmpty() ? Map.of()
                : store.findByIdentity(byIdentity.values().stream().map(g -> g.get(0).identityHash).toList());

        long timestamp = Math.max(clock.getAsLong(), latestHead.timestamp());
        List<SequencedEntry> entries = new ArrayList<>();
        Map<NodeId, byte[]> nodes = new LinkedHashMap<>();
        Map<String, byte[]> issuers = new LinkedHashMap<>();
        Map<String, AddedEntry> added = new LinkedHashMap<>();
        List<Integrated> integrated = new ArrayList<>();
        for (Map.Entry<String, List<Pending>> group : byIdentity.entrySet()) {
            if (existing.containsKey(group.getKey())) {
                continue;
            }
            integrated.add(integrate(group.getValue().get(0), timestamp, nodes, issuers));
        }
        byte[][] signatures = signAll(integrated);
        for (int i = 0; i < integrated.size(); i++) {
            Integrated in = integrated.get(i);
            SignedCertificateTimestamp sct = new SignedCertificateTimestamp(logId, timestamp, in.extensions, new DigitallySigned(signatures[i]));
            entries.add(new SequencedEntry(in.index, in.pending.identityHash, in.leafHash, timestamp, in.leafInput, in.pending.submission.extraData(),
                    in.tileLeaf, sct.encode()));
            added.put(in.pending.identityKey(), new AddedEntry(sct, in.index, false));
        }

        if (!entries.isEmpty() || headDue) {
            SignedTreeHead head = heads.sign(range.size(), timestamp, range.root());
            store.append(logId, latestHead.treeSize(), new Batch(entries, nodes, issuers, head));
            latestHead = head;
        }

        for (Map.Entry<String, List<Pending>> group : byIdentity.entrySet()) {
            AddedEntry answer = added.get(group.getKey());
            boolean duplicate = false;
            if (answer == null) {
                LogStore.StoredSct stored = existing.get(group.getKey());
                answer = new AddedEntry(SignedCertificateTimestamp.decode(stored.sct()), stored.leafIndex(), true);
                duplicate = true;
            }
            for (Pending p : group.getValue()) {
                p.future.complete(duplicate ? answer : new AddedEntry(answer.sct(), answer.leafIndex(), p != group.getValue().get(0)));
            }
        }
    }

    /** Appends one entry to the range and builds everything stored for it except its SCT signature. */
    private Integrated integrate(Pending pending, long timestamp, Map<NodeId, byte[]> nodes, Map<String, byte[]> issuers) {
        Submission s = pending.submission;
        long index = range.size();
        byte[] extensions = CtExtensions.leafIndex(index);
        TimestampedEntry timestamped = new TimestampedEntry(timestamp, s.entry(), extensions);
        byte[] leafInput = MerkleTreeLeaf.encode(timestamped);
        byte[] leafHash = MerkleHashes.leafHash(leafInput);
        range.append(leafHash, nodes::put);

        List<byte[]> fingerprints = new ArrayList<>(s.chain().size());
        for (byte[] issuer : s.chain()) {
            byte[] fingerprint = CertificateHashes.sha256(issuer);
            fingerprints.add(fingerprint);
            issuers.putIfAbsent(HexFormat.of().formatHex(fingerprint), issuer);
        }
        byte[] tileLeaf = new TileLeaf(timestamped, s.preCertificate(), fingerprints).encode();
        return new Integrated(pending, index, extensions, leafInput, leafHash, tileLeaf,
                new CertificateTimestampInput(timestamp, s.entry(), extensions));
    }

    /** An entry placed in the tree whose SCT is still to be signed over {@code signatureInput}. */
    private record Integrated(Pending pending, long index, byte[] extensions, byte[] leafInput, byte[] leafHash, byte[] tileLeaf,
                              CertificateTimestampInput signatureInput) {
    }

    /**
     * The SCT signatures of a batch, in order. Small batches are signed here; larger ones also on
     * helper threads of the executor (one fewer than the processors), see {@link ParallelSigning}.
     */
    private byte[][] signAll(List<Integrated> integrated) {
        byte[][] out = new byte[integrated.size()][];
        Executor executor = helpers;
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), integrated.size() / ParallelSigning.MIN_SLICE);
        if (executor == null || threads < 2) {
            for (int i = 0; i < out.length; i++) {
                out[i] = signer.sign(integrated.get(i).signatureInput);
            }
            return out;
        }
        ParallelSigning job = new ParallelSigning(signer, integrated.stream().map(Integrated::signatureInput).toList(), out, threads);
        for (int h = 1; h < threads; h++) {
            try {
                executor.execute(job::work);
            } catch (RejectedExecutionException e) {
                break; // shutting down or saturated: the flush thread signs what no helper took
            }
        }
        job.work();
        job.awaitAll();
        return out;
    }

    private void tryToLead() {
        long now = clock.getAsLong();
        if (lastLeaderAttempt != Long.MIN_VALUE && now - lastLeaderAttempt < settings.leaderRetry().toMillis()) {
            return;
        }
        lastLeaderAttempt = now;
        if (!election.tryAcquire()) {
            return;
        }
        try {
            loadState();
            leading = true;
            LOG.log(Level.INFO, "CT sequencer leads log {0} at tree size {1}", identity.logIdBase64(), latestHead.treeSize());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "CT sequencer took the lead but could not load the log state; giving the lead up", e);
            election.close();
        }
    }

    /** Reads the latest head and rebuilds the compact range, checking that both agree. */
    private void loadState() {
        if (store.latestTreeHead(logId).isEmpty()) {
            store.initialize(logId, heads.sign(0, clock.getAsLong(), MerkleHashes.emptyRoot()));
        }
        SignedTreeHead head = store.latestTreeHead(logId).orElseThrow(() -> new IllegalStateException("log state missing after initialisation"));
        CompactRange restored = CompactRange.restore(head.treeSize(), store);
        if (!Arrays.equals(restored.root(), head.rootHash())) {
            throw new IllegalStateException("stored nodes do not match the tree head of size " + head.treeSize());
        }
        range = restored;
        latestHead = head;
    }

    private void reloadOrStepDown() {
        try {
            loadState();
        } catch (RuntimeException e) {
            stepDown("cannot reload the log state: " + e.getMessage());
        }
    }

    private void stepDown(String reason) {
        LOG.log(Level.WARNING, "CT sequencer gives up the lead: {0}", reason);
        leading = false;
        range = null;
        election.close();
        failAll(drain(Integer.MAX_VALUE), new LogUnavailableException("this node lost the lead of the log; retry"));
    }

    private List<Pending> drain(int max) {
        List<Pending> out = new ArrayList<>();
        Pending p;
        while (out.size() < max && (p = pool.poll()) != null) {
            pooled.decrementAndGet();
            out.add(p);
        }
        return out;
    }

    private static void failAll(List<Pending> batch, RuntimeException cause) {
        batch.forEach(p -> p.future.completeExceptionally(cause));
    }

    /** Stops sequencing, fails what is still pooled and gives up the lead. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        leading = false;
        failAll(drain(Integer.MAX_VALUE), new LogUnavailableException("the log is shutting down"));
        election.close();
    }

    private static final class Pending {
        final Submission submission;
        final byte[] identityHash;
        final CompletableFuture<AddedEntry> future = new CompletableFuture<>();

        Pending(Submission submission, byte[] identityHash) {
            this.submission = submission;
            this.identityHash = identityHash;
        }

        String identityKey() {
            return HexFormat.of().formatHex(identityHash);
        }
    }
}
