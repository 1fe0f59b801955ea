package online.hypermesh.trustchain.witness.client;

import java.util.Map;

/** One checkpoint sent to every witness: what each answered, and whether a quorum cosigned it. */
public record RoundResult(long size, Map<String, WitnessAnswer> answers, int cosignatures, int required) {
    public RoundResult {
        answers = Map.copyOf(answers);
    }

    public boolean confirmed() {
        return required > 0 && cosignatures >= required;
    }
}
