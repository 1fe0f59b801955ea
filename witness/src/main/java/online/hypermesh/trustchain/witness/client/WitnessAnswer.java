package online.hypermesh.trustchain.witness.client;

import online.hypermesh.trustchain.witness.NoteSignature;

/** What one add-checkpoint request to one witness came to. */
public sealed interface WitnessAnswer {
    /** 200 with a cosignature that verifies with the configured key over this checkpoint. */
    record Cosigned(NoteSignature line, long timestamp) implements WitnessAnswer {
    }

    /** 409: the witness holds another size. */
    record Conflict(long heldSize) implements WitnessAnswer {
    }

    /** Any other answer (or a 200 whose cosignature does not verify). */
    record Refused(int status, String message) implements WitnessAnswer {
    }

    /** No answer: connection refused, timeout, I/O error. */
    record Unreachable(String message) implements WitnessAnswer {
    }
}
