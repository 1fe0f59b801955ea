package online.hypermesh.trustchain.witness.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import online.hypermesh.trustchain.witness.CheckpointBody;
import online.hypermesh.trustchain.witness.Cosigner;
import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.MalformedNoteException;
import online.hypermesh.trustchain.witness.NoteSignature;
import online.hypermesh.trustchain.witness.SignedNote;

/**
 * What a relying party checks on a checkpoint before trusting an inclusion proof against it: a
 * valid signature by the log's key, and valid cosignatures by at least floor(2n/3)+1 distinct
 * witnesses of the n it trusts. Signature lines of unknown keys are ignored (signed-note); a line
 * with a trusted witness's name and key ID that fails to verify makes the note invalid.
 */
public final class CheckpointQuorum {
    private CheckpointQuorum() {
    }

    /**
     * @param cosigners the witnesses that verified, in configuration order
     * @param problem   empty if the checkpoint is confirmed, else why not
     */
    public record Result(CheckpointBody checkpoint, boolean logSigned, List<String> cosigners, int required, String problem) {
        public boolean confirmed() {
            return problem.isEmpty();
        }
    }

    public static Result check(String signedCheckpoint, LogKey log, List<WitnessEndpoint> witnesses) throws MalformedNoteException {
        SignedNote note = SignedNote.parse(signedCheckpoint);
        CheckpointBody cp = CheckpointBody.parse(note.text());
        int required = Quorum.required(witnesses.size());
        if (!cp.origin().equals(log.origin())) {
            return new Result(cp, false, List.of(), required, "the checkpoint is of origin " + cp.origin() + ", not " + log.origin());
        }
        boolean logSigned = false;
        Set<String> cosigners = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        for (NoteSignature s : note.signatures()) {
            if (log.matches(s)) {
                if (log.verify(cp, s)) {
                    logSigned = true;
                } else {
                    failures.add("a signature with the log's key ID does not verify");
                }
                continue;
            }
            for (WitnessEndpoint w : witnesses) {
                if (s.keyName().equals(w.name()) && s.keyId() == Cosigner.keyId(w.name(), w.publicKey())) {
                    if (Cosigner.verify(w.name(), w.publicKey(), cp.text(), s) > 0) {
                        cosigners.add(w.name());
                    } else {
                        failures.add("the cosignature of " + w.name() + " does not verify");
                    }
                }
            }
        }
        List<String> ordered = witnesses.stream().map(WitnessEndpoint::name).filter(cosigners::contains).toList();
        String problem = !failures.isEmpty() ? String.join("; ", failures)
                : !logSigned ? "no valid signature by the log's key"
                : witnesses.isEmpty() ? "no witnesses are trusted"
                : ordered.size() < required ? ordered.size() + " of " + witnesses.size() + " witnesses cosigned, " + required + " needed"
                : "";
        return new Result(cp, logSigned, ordered, required, problem);
    }
}
