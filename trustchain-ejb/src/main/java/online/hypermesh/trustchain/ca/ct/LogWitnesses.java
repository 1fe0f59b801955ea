package online.hypermesh.trustchain.ca.ct;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import online.hypermesh.trustchain.ca.api.CtLogService.WitnessReport;
import online.hypermesh.trustchain.ca.api.CtLogService.WitnessState;
import online.hypermesh.trustchain.ca.config.CtSettings;
import online.hypermesh.trustchain.ca.metrics.CtLogMeters;
import online.hypermesh.trustchain.ct.log.LogIdentity;
import online.hypermesh.trustchain.ct.log.LogReader;
import online.hypermesh.trustchain.ct.log.LogReadStore;
import online.hypermesh.trustchain.ct.log.SignedTreeHead;
import online.hypermesh.trustchain.ct.statics.Checkpoint;
import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.client.CheckpointWitnessing;
import online.hypermesh.trustchain.witness.client.JdbcWitnessStateStore;
import online.hypermesh.trustchain.witness.client.Quorum;
import online.hypermesh.trustchain.witness.client.RoundResult;
import online.hypermesh.trustchain.witness.client.TreeRoots;
import online.hypermesh.trustchain.witness.client.WitnessClient;
import online.hypermesh.trustchain.witness.client.WitnessCosignature;
import online.hypermesh.trustchain.witness.client.WitnessEndpoint;
import online.hypermesh.trustchain.witness.client.WitnessHealth;

/**
 * The deployment's witnessing. On the leading node, {@link #tick()} (run with a fixed delay, so
 * rounds never overlap) sends the latest checkpoint to every witness when the tree changed, again
 * after a second while some witness has not cosigned it, and once a minute for fresh cosignature
 * timestamps. SCTs never wait for this. Every node serves the stored cosignatures with the
 * checkpoint and reports them, so any node shows what the witnesses vouch for.
 */
final class LogWitnesses {
    private static final Logger LOG = Logger.getLogger(LogWitnesses.class.getName());
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration REFRESH = Duration.ofMinutes(1);

    private final LogIdentity identity;
    private final List<WitnessEndpoint> endpoints;
    private final JdbcWitnessStateStore store;
    private final CheckpointWitnessing witnessing;
    private final Supplier<SignedTreeHead> leaderHead;
    private final CtLogMeters meters;
    private final Clock clock;

    private long lastSize = -1;
    private byte[] lastRoot;
    private boolean lastComplete;
    private Instant lastRound = Instant.EPOCH;
    private volatile boolean splitView;
    private volatile WitnessReport cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    /**
     * @param leaderHead this node's latest signed head while it leads, else null
     */
    LogWitnesses(LogIdentity identity, CtSettings settings, DataSource dataSource, LogReadStore logStore, LogReader reader,
                 Supplier<SignedTreeHead> leaderHead, Executor executor, CtLogMeters meters, Clock clock) {
        this.identity = identity;
        this.endpoints = settings.witnesses();
        this.store = new JdbcWitnessStateStore(dataSource, identity.logId());
        this.leaderHead = leaderHead;
        this.meters = meters;
        this.clock = clock;
        this.witnessing = new CheckpointWitnessing(new LogKey(identity.origin(), identity.publicKey()), endpoints,
                new WitnessClient(settings.witnessTimeout()), store, reader::consistencyProof,
                size -> Optional.of(TreeRoots.rootAt(logStore, size)), executor, clock,
                (witness, held, reason) -> {
                    splitView = true;
                    meters.byzantineDetected();
                    LOG.severe("SPLIT VIEW: " + reason + "; the log's key signed it:\n" + held);
                });
        meters.witnesses(endpoints.stream().map(WitnessEndpoint::name).toList(), this::cachedReport);
    }

    boolean configured() {
        return !endpoints.isEmpty();
    }

    /** One step of the leader's loop; never throws (the scheduler would stop calling it). */
    void tick() {
        try {
            SignedTreeHead head = leaderHead.get();
            if (head == null || endpoints.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            boolean changed = head.treeSize() != lastSize || !Arrays.equals(head.rootHash(), lastRoot);
            boolean due = !lastComplete && now.isAfter(lastRound.plus(RETRY)) || now.isAfter(lastRound.plus(REFRESH));
            if (!changed && !due) {
                return;
            }
            String checkpoint = Checkpoint.signedNote(identity.origin(), identity.logId(), head.treeSize(), head.rootHash(),
                    head.timestamp(), head.signature());
            RoundResult round = witnessing.witness(checkpoint);
            lastSize = head.treeSize();
            lastRoot = head.rootHash();
            lastComplete = round.cosignatures() == endpoints.size();
            lastRound = now;
            if (!round.confirmed()) {
                LOG.fine(() -> "checkpoint " + round.size() + " has " + round.cosignatures() + " of " + round.required()
                        + " cosignatures: " + round.answers());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "witnessing round failed; retried on the next tick", e);
            lastComplete = false;
        }
    }

    /** The checkpoint with the stored cosignatures of exactly its tree appended. */
    String cosigned(String checkpoint, long size, byte[] rootHash) {
        if (endpoints.isEmpty()) {
            return checkpoint;
        }
        return CheckpointWitnessing.withCosignatures(checkpoint, store.cosignatureLines(size, rootHash));
    }

    /** For the metrics: scrapes read this, refreshed from the store at most once a second. */
    private WitnessReport cachedReport() {
        Instant now = clock.instant();
        WitnessReport r = cached;
        if (r == null || now.isAfter(cachedAt.plusSeconds(1))) {
            try {
                r = report();
                cached = r;
                cachedAt = now;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "cannot read the witness state for the metrics", e);
            }
        }
        return r;
    }

    WitnessReport report() {
        Map<String, WitnessCosignature> cosigned = store.latestCosignatures();
        Map<String, WitnessHealth> mine = new java.util.HashMap<>();
        boolean leading = leaderHead.get() != null;
        if (leading) {
            witnessing.health().forEach(h -> mine.put(h.name(), h));
        }
        List<WitnessState> states = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (WitnessEndpoint w : endpoints) {
            WitnessCosignature c = cosigned.get(w.name());
            WitnessHealth h = mine.get(w.name());
            long size = c == null ? -1 : c.size();
            sizes.add(size);
            states.add(new WitnessState(w.name(), w.submissionPrefix().toString(), size, c == null ? -1 : c.timestamp().getEpochSecond(),
                    h == null ? "" : h.lastOutcome(), h != null && h.splitView()));
        }
        return new WitnessReport(Quorum.required(endpoints.size()), confirmedSize(sizes, Quorum.required(endpoints.size())),
                splitView, states);
    }

    /**
     * The largest size at least {@code required} witnesses cosigned (or passed): all stored
     * cosignatures are of this log's own tree, checked against the proof it sent, so a witness
     * at size s also vouches for every smaller size.
     */
    static long confirmedSize(List<Long> cosignedSizes, int required) {
        if (required == 0) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(cosignedSizes);
        sorted.sort(java.util.Comparator.reverseOrder());
        if (sorted.size() < required) {
            return 0;
        }
        return Math.max(0, sorted.get(required - 1));
    }
}
