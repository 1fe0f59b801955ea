package online.hypermesh.trustchain.witness.monitor;

/**
 * Two checkpoints, both validly signed with the log's key, that cannot both be views of one
 * append-only log: the same size with different roots, or no valid consistency proof between them.
 *
 * @param first  where the first was seen and the signed note
 * @param second where the second was seen and the signed note
 */
public record SplitView(String reason, String firstSource, String first, String secondSource, String second) {
}
