package online.hypermesh.trustchain.witness.client;

import java.time.Instant;

/**
 * One witness as the log last saw it: the latest size it cosigned and when (its cosignature's
 * timestamp), and the outcome of the latest request, so a lagging or refusing witness shows.
 *
 * @param cosignedSize -1 if it never cosigned
 * @param splitView the witness holds a checkpoint signed by this log's key that is not this log's tree
 */
public record WitnessHealth(String name, String url, long cosignedSize, Instant cosignedAt, String lastOutcome,
                            Instant lastAttempt, boolean splitView) {
}
