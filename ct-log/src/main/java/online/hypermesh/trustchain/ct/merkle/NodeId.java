package online.hypermesh.trustchain.ct.merkle;

/**
 * Address of a perfect (complete) subtree: the {@code index}-th subtree of height {@code level},
 * covering leaves {@code [index * 2^level, (index + 1) * 2^level)}. Level 0 is the leaf hashes.
 *
 * <p>A perfect subtree's hash never changes once its last leaf is appended, which is what
 * lets a store keep them append-only and share them between all later tree sizes.
 */
public record NodeId(int level, long index) {

    public NodeId {
        // 63 levels already cover 2^63 leaves, more than a signed long can count.
        if (level < 0 || level > 62) {
            throw new IllegalArgumentException("level out of range: " + level);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be non-negative: " + index);
        }
    }

    /** Index of the first leaf this subtree covers. */
    public long firstLeaf() {
        return index << level;
    }

    /** Number of leaves needed before this subtree is complete, i.e. one past its last leaf. */
    public long endLeaf() {
        return (index + 1) << level;
    }
}
