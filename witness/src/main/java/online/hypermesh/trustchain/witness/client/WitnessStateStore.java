package online.hypermesh.trustchain.witness.client;

import java.util.List;
import java.util.Map;

/**
 * What the log keeps about its witnesses, durably (the deployment's table from V12), so a
 * restarted or new leader sends each witness a proof from the size it really holds.
 */
public interface WitnessStateStore {

    /** The size each witness last acknowledged (cosigned, or named in a 409), by witness name. */
    Map<String, Long> acknowledged();

    /** Records a size the witness says it holds (409). */
    void acknowledged(String witness, long size);

    /** Records a verified cosignature, which also acknowledges its size. */
    void cosigned(String witness, WitnessCosignature cosignature);

    /** The latest cosignature of each witness, by name. */
    Map<String, WitnessCosignature> latestCosignatures();

    /** The cosignature lines held for exactly this tree, to serve with the checkpoint. */
    default List<String> cosignatureLines(long size, byte[] rootHash) {
        return latestCosignatures().values().stream()
                .filter(c -> c.size() == size && java.util.Arrays.equals(c.rootHash(), rootHash))
                .map(WitnessCosignature::line).sorted().toList();
    }
}
