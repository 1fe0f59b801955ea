package online.hypermesh.trustchain.witness.client;

/** Told when a witness holds a checkpoint signed with the log's key that the log's own tree contradicts. */
@FunctionalInterface
public interface SplitViewListener {
    /**
     * @param witness the witness holding it
     * @param heldCheckpoint that checkpoint, with its log signature and the witness's cosignature
     * @param reason what contradicts it
     */
    void splitView(String witness, String heldCheckpoint, String reason);
}
