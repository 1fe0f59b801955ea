package online.hypermesh.trustchain.ct.log;

/**
 * What the log reports about itself for monitoring. ct-log has no metrics library; the
 * deployment implements this (Micrometer in the EJB module). Implementations must be cheap and
 * must not throw: they run on the sequencer's flush thread and on request threads.
 */
public interface LogMetrics {
    /** Reports nothing. */
    LogMetrics NONE = new LogMetrics() {
    };

    /** Which proof a reader generated. */
    enum Proof { INCLUSION, CONSISTENCY }

    /**
     * One submission got its SCT for a new entry: {@code nanos} from entering the pool to the
     * commit of its batch (what the submitter waited, less the network).
     */
    default void appended(long nanos) {
    }

    /** The sequencer committed (or, taking the lead, loaded) this head. */
    default void treeHead(SignedTreeHead head) {
    }

    /** A Merkle proof was computed in {@code nanos}. */
    default void proofGenerated(Proof proof, long nanos) {
    }
}
