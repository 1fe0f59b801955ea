package online.hypermesh.trustchain.ct.log;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import online.hypermesh.trustchain.ct.merkle.NodeReader;

/**
 * The sequencer's storage. Contract:
 * <ul>
 *   <li>{@link #append} is atomic and durable: when it returns, the entries, nodes, issuers and
 *       tree head are committed together (so an SCT handed out afterwards survives a crash);
 *       when it throws, nothing of the batch may be visible, or all of it (the commit's outcome
 *       was lost), and the caller must reload its state from the store.</li>
 *   <li>{@link #append} commits only if the stored tree size still equals {@code expectedSize};
 *       otherwise it throws {@link ForkRefusedException}. This compare-and-set is what keeps a
 *       sequencer that lost its lead without knowing from ever forking the tree.</li>
 *   <li>Node hashes are those of perfect subtrees, append-only (see {@link NodeReader}).</li>
 * </ul>
 * Called only from the sequencer's thread; implementations need not be thread-safe for writes.
 */
public interface LogStore extends NodeReader {

    /** The latest tree head of the log with this LogID, if the log was ever initialised. */
    Optional<SignedTreeHead> latestTreeHead(byte[] logId);

    /**
     * Records the empty tree's head if the log has no state yet; does nothing otherwise.
     *
     * @throws IllegalStateException if the database holds the state of a different log (key)
     */
    void initialize(byte[] logId, SignedTreeHead emptyHead);

    /** Serialized SCTs of already logged entries, by hex identity hash, among those asked for. */
    Map<String, StoredSct> findByIdentity(Collection<byte[]> identityHashes);

    /** Commits a batch if the stored size is {@code expectedSize}. */
    void append(byte[] logId, long expectedSize, Batch batch);

    /** An entry already logged: its index and serialized SCT. */
    record StoredSct(long leafIndex, byte[] sct) {
    }
}
