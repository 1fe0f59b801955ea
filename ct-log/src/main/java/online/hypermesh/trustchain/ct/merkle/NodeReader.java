package online.hypermesh.trustchain.ct.merkle;

import java.util.List;

/**
 * Read access to the stored hashes of perfect subtrees, as needed by {@link ProofGenerator}
 * and {@link CompactRange#restore}.
 *
 * <p>Contract, so that a PostgreSQL table {@code (level, index) -> hash} can implement it:
 * <ul>
 *   <li>Only perfect subtrees are ever requested. For a proof against tree size {@code n}, every
 *       requested {@link NodeId} satisfies {@code id.endLeaf() <= n}; hashes of incomplete
 *       right-edge subtrees are computed by the caller, never stored.</li>
 *   <li>So a store that persists every node {@link CompactRange#append(byte[], java.util.function.BiConsumer)}
 *       reports (every leaf hash at level 0 and every completed interior node above it) can
 *       answer any request for a size it has integrated.</li>
 *   <li>The answer has one 32-byte hash per requested id, in the same order. A missing node is a
 *       store bug: throw rather than return null.</li>
 * </ul>
 * Requests are batched (at most about 2 log2(n) ids per proof) so that a database-backed
 * reader can fetch a whole proof in one round trip.
 */
@FunctionalInterface
public interface NodeReader {

    /** The hashes of the given perfect subtrees, in request order. */
    List<byte[]> nodeHashes(List<NodeId> ids);
}
