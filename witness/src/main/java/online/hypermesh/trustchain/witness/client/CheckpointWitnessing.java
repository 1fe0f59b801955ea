package online.hypermesh.trustchain.witness.client;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import online.hypermesh.trustchain.witness.CheckpointBody;
import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.MalformedNoteException;
import online.hypermesh.trustchain.witness.NoteSignature;
import online.hypermesh.trustchain.witness.SignedNote;

/**
 * Sends a new checkpoint to every configured witness in parallel, each with the consistency
 * proof from the size it last acknowledged, and records the cosignatures. A 409 teaches the
 * witness's real size (persisted) and is retried once from there. A 422 for a proof this log
 * made from its own tree means the witness holds another tree at its size: if that checkpoint
 * carries a valid signature by this log's key, the key signed two trees of one size (a split
 * view), which the listener is told with the checkpoint as evidence.
 */
public final class CheckpointWitnessing {
    private static final Logger LOG = Logger.getLogger(CheckpointWitnessing.class.getName());

    /** The proof of consistency between two sizes of this log's own tree. */
    @FunctionalInterface
    public interface ProofSource {
        List<byte[]> consistency(long fromSize, long toSize);
    }

    private final LogKey log;
    private final List<WitnessEndpoint> witnesses;
    private final WitnessClient client;
    private final WitnessStateStore store;
    private final ProofSource proofs;
    private final LongFunction<Optional<byte[]>> rootAtSize;
    private final Executor executor;
    private final Clock clock;
    private final SplitViewListener splitViews;
    private final Map<String, WitnessHealth> health = new ConcurrentHashMap<>();

    /**
     * @param rootAtSize this log's root hash at a size, where it knows one (a stored tree head), for the split-view check
     */
    public CheckpointWitnessing(LogKey log, List<WitnessEndpoint> witnesses, WitnessClient client, WitnessStateStore store,
                                ProofSource proofs, LongFunction<Optional<byte[]>> rootAtSize, Executor executor, Clock clock,
                                SplitViewListener splitViews) {
        this.log = log;
        this.witnesses = List.copyOf(witnesses);
        this.client = client;
        this.store = store;
        this.proofs = proofs;
        this.rootAtSize = rootAtSize;
        this.executor = executor;
        this.clock = clock;
        this.splitViews = splitViews;
        Map<String, WitnessCosignature> known = store.latestCosignatures();
        for (WitnessEndpoint w : witnesses) {
            WitnessCosignature c = known.get(w.name());
            health.put(w.name(), new WitnessHealth(w.name(), w.submissionPrefix().toString(), c == null ? -1 : c.size(),
                    c == null ? null : c.timestamp(), "not asked yet", null, false));
        }
    }

    public List<WitnessEndpoint> witnesses() {
        return witnesses;
    }

    public int required() {
        return Quorum.required(witnesses.size());
    }

    /** Every witness's health, in configuration order. */
    public List<WitnessHealth> health() {
        return witnesses.stream().map(w -> health.get(w.name())).toList();
    }

    /** Sends the signed checkpoint to every witness and waits for all answers (each bounded by the client's timeout). */
    public RoundResult witness(String signedCheckpoint) {
        CheckpointBody checkpoint;
        try {
            checkpoint = CheckpointBody.parse(SignedNote.parse(signedCheckpoint).text());
        } catch (MalformedNoteException e) {
            throw new IllegalArgumentException("not a signed checkpoint: " + e.getMessage(), e);
        }
        Map<String, Long> acknowledged = store.acknowledged();
        Map<String, CompletableFuture<WitnessAnswer>> pending = new LinkedHashMap<>();
        for (WitnessEndpoint w : witnesses) {
            long old = acknowledged.getOrDefault(w.name(), 0L);
            pending.put(w.name(), CompletableFuture.supplyAsync(() -> ask(w, old, checkpoint, signedCheckpoint), executor));
        }
        Map<String, WitnessAnswer> answers = new LinkedHashMap<>();
        int cosigned = 0;
        for (var e : pending.entrySet()) {
            WitnessAnswer a;
            try {
                a = e.getValue().join();
            } catch (RuntimeException ex) {
                a = new WitnessAnswer.Unreachable("failed: " + ex.getMessage());
            }
            answers.put(e.getKey(), a);
            if (a instanceof WitnessAnswer.Cosigned) {
                cosigned++;
            }
        }
        return new RoundResult(checkpoint.size(), answers, cosigned, required());
    }

    private WitnessAnswer ask(WitnessEndpoint w, long old, CheckpointBody checkpoint, String signedCheckpoint) {
        long size = checkpoint.size();
        WitnessAnswer answer = null;
        long from = old;
        // A second attempt only after a 409 names a size this log can prove from.
        for (int attempt = 0; attempt < 2; attempt++) {
            if (from > size) {
                answer = new WitnessAnswer.Refused(0, "the witness holds size " + from + ", beyond this checkpoint's " + size);
                break;
            }
            List<byte[]> proof;
            try {
                proof = from == 0 || from == size ? List.of() : proofs.consistency(from, size);
            } catch (RuntimeException e) {
                answer = new WitnessAnswer.Refused(0, "no consistency proof from " + from + " to " + size + ": " + e.getMessage());
                break;
            }
            answer = client.addCheckpoint(w, from, proof, signedCheckpoint);
            if (answer instanceof WitnessAnswer.Conflict c && c.heldSize() != from) {
                store.acknowledged(w.name(), c.heldSize());
                from = c.heldSize();
                continue;
            }
            break;
        }
        record(w, checkpoint, answer, from);
        return answer;
    }

    private void record(WitnessEndpoint w, CheckpointBody checkpoint, WitnessAnswer answer, long from) {
        Instant now = clock.instant();
        WitnessHealth before = health.get(w.name());
        long cosignedSize = before.cosignedSize();
        Instant cosignedAt = before.cosignedAt();
        boolean splitView = before.splitView();
        String outcome;
        if (answer instanceof WitnessAnswer.Cosigned c) {
            Instant at = Instant.ofEpochSecond(c.timestamp());
            store.cosigned(w.name(), new WitnessCosignature(checkpoint.size(), checkpoint.rootHash(), c.line().line().strip(), at));
            cosignedSize = checkpoint.size();
            cosignedAt = at;
            outcome = "cosigned " + checkpoint.size();
        } else if (answer instanceof WitnessAnswer.Conflict c) {
            outcome = "409: holds size " + c.heldSize();
        } else if (answer instanceof WitnessAnswer.Refused r) {
            outcome = (r.status() == 0 ? "" : r.status() + ": ") + r.message();
            if (r.status() == 422) {
                splitView |= checkSplitView(w, from);
            }
        } else {
            outcome = "unreachable: " + ((WitnessAnswer.Unreachable) answer).message();
        }
        health.put(w.name(), new WitnessHealth(w.name(), w.submissionPrefix().toString(), cosignedSize, cosignedAt, outcome, now,
                splitView));
    }

    /**
     * The witness refused a proof from {@code from}, computed from this log's own tree: it holds
     * another root at that size. Fetches what it holds; a valid signature of this log on it is proof.
     */
    private boolean checkSplitView(WitnessEndpoint w, long from) {
        Optional<String> held = client.heldCheckpoint(w, log.origin());
        if (held.isEmpty()) {
            return false;
        }
        try {
            SignedNote note = SignedNote.parse(held.get());
            CheckpointBody body = CheckpointBody.parse(note.text());
            boolean signedByThisLog = false;
            for (NoteSignature s : note.signatures()) {
                signedByThisLog |= log.verify(body, s);
            }
            Optional<byte[]> ours = rootAtSize.apply(body.size());
            if (signedByThisLog && ours.isPresent() && !MessageDigest.isEqual(ours.get(), body.rootHash())) {
                String reason = "witness " + w.name() + " holds a checkpoint of size " + body.size()
                        + " signed with this log's key whose root is not this log's root at that size";
                LOG.severe(reason + ":\n" + held.get());
                splitViews.splitView(w.name(), held.get(), reason);
                return true;
            }
        } catch (MalformedNoteException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot check what witness " + w.name() + " holds", e);
        }
        return false;
    }

    /** The checkpoint with the cosignatures the store holds for exactly its tree appended (what /checkpoint serves). */
    public static String withCosignatures(String signedCheckpoint, List<String> lines) {
        StringBuilder b = new StringBuilder(signedCheckpoint);
        for (String l : lines) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

}
