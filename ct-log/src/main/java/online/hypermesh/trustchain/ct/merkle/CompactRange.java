package online.hypermesh.trustchain.ct.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The right edge of a growing Merkle tree: the roots of the perfect subtrees that make up
 * the first {@code size} leaves (one per set bit of {@code size}, largest first). That is all
 * that is needed to append a leaf and to compute the current root, each in O(log n) time and
 * memory, without reading older leaves.
 *
 * <p>Not thread-safe: a log has a single sequencer, which owns its instance.
 */
public final class CompactRange {

    // Subtree roots, left (largest, oldest) to right (smallest, newest).
    private final List<byte[]> roots = new ArrayList<>();
    private long size;

    /** An empty range: the tree of size 0. */
    public CompactRange() {
    }

    /**
     * Rebuilds the range of a tree of {@code size} leaves from stored subtree hashes, e.g. after
     * a restart. Reads exactly the perfect subtrees listed by {@link #edgeNodes(long)}.
     */
    public static CompactRange restore(long size, NodeReader reader) {
        List<NodeId> ids = edgeNodes(size);
        CompactRange range = new CompactRange();
        if (ids.isEmpty()) {
            return range;
        }
        List<byte[]> hashes = reader.nodeHashes(ids);
        if (hashes.size() != ids.size()) {
            throw new IllegalStateException("node reader returned " + hashes.size() + " hashes for " + ids.size() + " ids");
        }
        for (int i = 0; i < ids.size(); i++) {
            range.roots.add(MerkleHashes.requireHash(hashes.get(i), "stored node " + ids.get(i)).clone());
        }
        range.size = size;
        return range;
    }

    /** The perfect subtrees, left to right, whose roots form the compact range of a tree of {@code size} leaves. */
    public static List<NodeId> edgeNodes(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative: " + size);
        }
        return TreeMath.perfectSubtrees(0, size);
    }

    /** Appends one leaf hash; see {@link #append(byte[], BiConsumer)}. */
    public void append(byte[] leafHash) {
        append(leafHash, (id, hash) -> { });
    }

    /**
     * Appends one leaf hash and reports every perfect subtree this completes to {@code completed}:
     * the leaf itself at level 0, then each interior node that the append closes, bottom-up.
     * Persisting all of them is exactly what a {@link NodeReader} needs to serve proofs.
     */
    public void append(byte[] leafHash, BiConsumer<NodeId, byte[]> completed) {
        MerkleHashes.requireHash(leafHash, "leaf hash");
        Objects.requireNonNull(completed, "completed");
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        long newSize = size + 1;
        byte[] hash = leafHash.clone();
        int level = 0;
        completed.accept(new NodeId(0, size), hash.clone());
        // Each trailing one bit of the old size is a subtree of equal height just left of the
        // new node; merging them is the binary carry of size + 1.
        while (((size >>> level) & 1) == 1) {
            byte[] left = roots.remove(roots.size() - 1);
            hash = MerkleHashes.nodeHash(left, hash);
            level++;
            completed.accept(new NodeId(level, (newSize >>> level) - 1), hash.clone());
        }
        roots.add(hash);
        size = newSize;
    }

    /** Number of leaves appended so far (or restored). */
    public long size() {
        return size;
    }

    /** MTH of the current tree: the subtree roots folded right to left, as the RFC's split rule implies. */
    public byte[] root() {
        if (roots.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        byte[] hash = roots.get(roots.size() - 1).clone();
        for (int i = roots.size() - 2; i >= 0; i--) {
            hash = MerkleHashes.nodeHash(roots.get(i), hash);
        }
        return hash;
    }
}
