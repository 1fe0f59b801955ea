package online.hypermesh.trustchain.witness;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import online.hypermesh.trustchain.ct.merkle.InvalidProofException;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.ProofVerifier;

/**
 * The tlog-witness add-checkpoint state machine. For each log it holds the latest checkpoint it
 * cosigned and moves it only forward along a verified consistency proof; checking, cosigning and
 * persisting happen under one lock, so two requests can never both pass against the same state
 * (the spec's roll-back race), and nothing is answered before it is on disk.
 */
public final class Witness {
    private static final Logger LOG = Logger.getLogger(Witness.class.getName());

    private final Cosigner cosigner;
    private final Map<String, LogKey> logs = new LinkedHashMap<>();
    private final WitnessStore store;
    private final Clock clock;
    private final Map<String, Held> latest = new HashMap<>();
    private final boolean lying;

    /** What the witness cosigned last for one log. */
    private record Held(CheckpointBody checkpoint, SignedNote note) {
    }

    public Witness(Cosigner cosigner, Collection<LogKey> logKeys, WitnessStore store, Clock clock) throws IOException {
        this(cosigner, logKeys, store, clock, false);
    }

    /**
     * @param lying FOR TESTS ONLY: a Byzantine witness that cosigns every checkpoint of a known log
     *        it is sent, checking neither signature nor proof, as a witness colluding with a
     *        compromised log would. Only the {@code --lie} option of the witness process sets it.
     */
    public Witness(Cosigner cosigner, Collection<LogKey> logKeys, WitnessStore store, Clock clock, boolean lying) throws IOException {
        this.lying = lying;
        this.cosigner = cosigner;
        this.store = store;
        this.clock = clock;
        for (LogKey k : logKeys) {
            if (logs.putIfAbsent(k.origin(), k) != null) {
                throw new IllegalArgumentException("log " + k.origin() + " is configured twice");
            }
            Optional<SignedNote> held = store.latest(k.origin());
            if (held.isPresent()) {
                try {
                    latest.put(k.origin(), new Held(CheckpointBody.parse(held.get().text()), held.get()));
                } catch (MalformedNoteException e) {
                    throw new IOException("the stored checkpoint of " + k.origin() + " does not parse: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Whether this witness was started to lie (tests only). */
    public boolean lying() {
        return lying;
    }

    public Cosigner cosigner() {
        return cosigner;
    }

    public Collection<LogKey> logs() {
        return List.copyOf(logs.values());
    }

    /** POST add-checkpoint. */
    public synchronized WitnessResponse addCheckpoint(byte[] body) {
        AddCheckpointRequest req;
        try {
            req = AddCheckpointRequest.parse(body);
        } catch (MalformedNoteException e) {
            return WitnessResponse.text(400, e.getMessage());
        }
        CheckpointBody cp = req.checkpoint();
        LogKey log = logs.get(cp.origin());
        if (log == null) {
            return WitnessResponse.text(404, "unknown log origin: " + CheckpointBody.abbreviate(cp.origin()));
        }
        if (lying) {
            return cosignAndKeep(log, cp, new ArrayList<>(req.note().signatures().stream().filter(log::matches).toList()));
        }
        List<NoteSignature> logSignatures = new ArrayList<>();
        for (NoteSignature s : req.note().signatures()) {
            if (log.matches(s)) {
                if (!log.verify(cp, s)) {
                    return WitnessResponse.text(403, "a signature by the key of " + log.origin() + " does not verify");
                }
                logSignatures.add(s);
            }
        }
        if (logSignatures.isEmpty()) {
            return WitnessResponse.text(403, "no signature by the key of " + log.origin());
        }
        if (req.oldSize() > cp.size()) {
            return WitnessResponse.text(400, "old size " + req.oldSize() + " is greater than the checkpoint size " + cp.size());
        }

        Held held = latest.get(log.origin());
        long heldSize = held == null ? 0 : held.checkpoint().size();
        String refused = req.note().encode();
        if (req.oldSize() != heldSize) {
            if (held != null && cp.size() == heldSize && !cp.sameTree(held.checkpoint())) {
                keep(log, held, refused, 409, Evidence.FORK, "a different root for size " + heldSize + ", which this witness cosigned");
            }
            return new WitnessResponse(409, WitnessResponse.SIZE, heldSize + "\n");
        }
        if (cp.size() == 0 && !MessageDigest.isEqual(cp.rootHash(), MerkleHashes.emptyRoot())) {
            if (held != null) {
                keep(log, held, refused, 422, Evidence.INCONSISTENT, "size 0 with a root other than the empty tree's");
            }
            return WitnessResponse.text(422, "a checkpoint of size 0 has the root hash of the empty tree");
        }
        if (req.oldSize() == 0) {
            if (!req.proof().isEmpty()) {
                return WitnessResponse.text(422, "from old size 0 the consistency proof is empty");
            }
        } else if (req.oldSize() == cp.size()) {
            if (!req.proof().isEmpty()) {
                return WitnessResponse.text(422, "from old size equal to the checkpoint size the consistency proof is empty");
            }
            if (!cp.sameTree(held.checkpoint())) {
                keep(log, held, refused, 422, Evidence.FORK, "a different root for size " + heldSize + ", which this witness cosigned");
                return WitnessResponse.text(422, "the root hash differs from the one this witness cosigned for size " + heldSize);
            }
        } else {
            try {
                ProofVerifier.verifyConsistency(heldSize, cp.size(), held.checkpoint().rootHash(), cp.rootHash(), req.proof());
            } catch (InvalidProofException e) {
                keep(log, held, refused, 422, Evidence.INCONSISTENT, "consistency proof from size " + heldSize + ": " + e.getMessage());
                return WitnessResponse.text(422, "the consistency proof from size " + heldSize + " does not verify: " + e.getMessage());
            }
        }

        return cosignAndKeep(log, cp, logSignatures);
    }

    private WitnessResponse cosignAndKeep(LogKey log, CheckpointBody cp, List<NoteSignature> logSignatures) {
        NoteSignature cosignature = cosigner.cosign(cp.text(), clock.instant().getEpochSecond());
        List<NoteSignature> kept = new ArrayList<>(logSignatures);
        kept.add(cosignature);
        SignedNote cosigned = new SignedNote(cp.text(), kept);
        try {
            store.saveLatest(log.origin(), cosigned);
        } catch (IOException e) {
            // Not durable, so not given out: the held state stays what it was.
            LOG.log(Level.SEVERE, "could not persist the checkpoint of " + log.origin() + " at size " + cp.size(), e);
            return WitnessResponse.text(500, "the witness could not persist the checkpoint; nothing was cosigned");
        }
        latest.put(log.origin(), new Held(cp, cosigned));
        return new WitnessResponse(200, WitnessResponse.TEXT, cosignature.line());
    }

    /** GET {@code <origin hash>/checkpoint}: the latest cosigned checkpoint, with the log's signature. */
    public synchronized WitnessResponse checkpoint(String originHash) {
        LogKey log = byHash(originHash);
        Held held = log == null ? null : latest.get(log.origin());
        if (held == null) {
            return WitnessResponse.text(404, "this witness has cosigned no checkpoint of that log");
        }
        return new WitnessResponse(200, WitnessResponse.TEXT, held.note().encode());
    }

    /** GET {@code <origin hash>/evidence}: the refused conflicting checkpoints, as a JSON array. */
    public WitnessResponse evidence(String originHash) {
        LogKey log = byHash(originHash);
        if (log == null) {
            return WitnessResponse.text(404, "unknown log");
        }
        try {
            return new WitnessResponse(200, WitnessResponse.JSON, "[" + String.join(",", store.evidence(log.origin())) + "]\n");
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "could not read the evidence of " + log.origin(), e);
            return WitnessResponse.text(500, "the witness could not read its evidence");
        }
    }

    /** The size this witness holds for a log (0 if none), for the log's status page and tests. */
    public synchronized long heldSize(String origin) {
        Held h = latest.get(origin);
        return h == null ? 0 : h.checkpoint().size();
    }

    private LogKey byHash(String originHash) {
        for (LogKey k : logs.values()) {
            if (WitnessStore.originHash(k.origin()).equals(originHash)) {
                return k;
            }
        }
        return null;
    }

    private void keep(LogKey log, Held held, String refused, int status, String kind, String reason) {
        try {
            store.saveEvidence(log.origin(), new Evidence(kind, status, reason, Instant.now(clock), refused, held.note().encode()));
            LOG.warning("log " + log.origin() + " sent a conflicting checkpoint (" + kind + "): " + reason);
        } catch (IOException e) {
            // The refusal stands either way; losing the evidence is logged loudly.
            LOG.log(Level.SEVERE, "could not store conflict evidence for " + log.origin(), e);
        }
    }
}
