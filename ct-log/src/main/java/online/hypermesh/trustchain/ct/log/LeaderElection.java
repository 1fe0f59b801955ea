package online.hypermesh.trustchain.ct.log;

/**
 * Who may sequence the log. At most one holder at a time across every node sharing the database.
 * Used only by the sequencer's thread.
 */
public interface LeaderElection extends AutoCloseable {

    /** Tries to become the leader without waiting; true if this instance now holds the lead. */
    boolean tryAcquire();

    /** Whether the lead is still held (checked against the database before each flush). */
    boolean isHeld();

    /** Gives the lead up, if held. */
    @Override
    void close();
}
