package online.hypermesh.trustchain.ct.merkle;

import java.util.List;

/**
 * MTH(D[n]) computed directly from all leaf hashes, following the RFC 6962 section 2.1
 * definition literally. O(n): meant for checks and small trees; the sequencer keeps a
 * {@link CompactRange} instead.
 */
public final class MerkleTreeHash {

    private MerkleTreeHash() {
    }

    /** The tree head of the given leaf hashes (each already {@link MerkleHashes#leafHash hashed}). */
    public static byte[] of(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        for (int i = 0; i < leafHashes.size(); i++) {
            MerkleHashes.requireHash(leafHashes.get(i), "leaf hash " + i);
        }
        return hash(leafHashes, 0, leafHashes.size());
    }

    // MTH(D[begin:end]) for a non-empty range; recursion depth is log2(n).
    private static byte[] hash(List<byte[]> leaves, int begin, int end) {
        int n = end - begin;
        if (n == 1) {
            return leaves.get(begin).clone();
        }
        int k = (int) TreeMath.splitPoint(n);
        return MerkleHashes.nodeHash(hash(leaves, begin, begin + k), hash(leaves, begin + k, end));
    }
}
