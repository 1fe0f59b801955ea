package online.hypermesh.trustchain.ct.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds inclusion proofs PATH(m, D[n]) and consistency proofs PROOF(m, D[n]) exactly as
 * RFC 6962 sections 2.1.1 and 2.1.2 define them, from stored perfect-subtree hashes.
 *
 * <p>It works in two steps so that a database-backed {@link NodeReader} is asked once per
 * proof: first the RFC recursion yields the leaf ranges whose MTH form the proof, then each
 * range is split into perfect subtrees, all of them are read in one batch, and each range's
 * hash is folded back together. Thread-safe if the reader is.
 */
public final class ProofGenerator {

    private final NodeReader reader;

    public ProofGenerator(NodeReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * The audit path of leaf {@code leafIndex} in the tree of the first {@code treeSize} leaves,
     * nearest sibling first. Empty for a one-leaf tree.
     *
     * @throws IllegalArgumentException unless {@code 0 <= leafIndex < treeSize}
     */
    public List<byte[]> inclusionProof(long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("need 0 <= leafIndex < treeSize, got leafIndex=" + leafIndex + ", treeSize=" + treeSize);
        }
        List<Range> ranges = new ArrayList<>();
        path(leafIndex, 0, treeSize, ranges);
        return hashes(ranges);
    }

    /**
     * The proof that the tree of {@code size2} leaves extends the tree of {@code size1} leaves.
     * Empty when the sizes are equal, since the roots must then simply match.
     *
     * @throws IllegalArgumentException unless {@code 0 < size1 <= size2}; consistency with the
     *         empty tree is vacuous, so the RFC defines no proof for it and verifiers reject one
     */
    public List<byte[]> consistencyProof(long size1, long size2) {
        if (size1 <= 0 || size1 > size2) {
            throw new IllegalArgumentException("need 0 < size1 <= size2, got size1=" + size1 + ", size2=" + size2);
        }
        List<Range> ranges = new ArrayList<>();
        if (size1 < size2) {
            subproof(size1, 0, size2, true, ranges);
        }
        return hashes(ranges);
    }

    // RFC 6962 2.1.1 PATH(m, D[begin:end]) with m an absolute leaf index; appends in proof order.
    private static void path(long m, long begin, long end, List<Range> out) {
        if (end - begin == 1) {
            return;
        }
        long mid = begin + TreeMath.splitPoint(end - begin);
        if (m < mid) {
            path(m, begin, mid, out);
            out.add(new Range(mid, end));
        } else {
            path(m, mid, end, out);
            out.add(new Range(begin, mid));
        }
    }

    // RFC 6962 2.1.2 SUBPROOF(m, D[begin:end], complete) with m an absolute tree size.
    private static void subproof(long m, long begin, long end, boolean complete, List<Range> out) {
        if (m == end) {
            // The old tree's root is a node of the new tree here. When it is the whole old tree
            // (complete) the verifier already knows it, so the RFC leaves it out.
            if (!complete) {
                out.add(new Range(begin, end));
            }
            return;
        }
        long mid = begin + TreeMath.splitPoint(end - begin);
        if (m <= mid) {
            subproof(m, begin, mid, complete, out);
            out.add(new Range(mid, end));
        } else {
            subproof(m, mid, end, false, out);
            out.add(new Range(begin, mid));
        }
    }

    private List<byte[]> hashes(List<Range> ranges) {
        List<List<NodeId>> parts = new ArrayList<>(ranges.size());
        List<NodeId> all = new ArrayList<>();
        for (Range r : ranges) {
            List<NodeId> ids = TreeMath.perfectSubtrees(r.begin(), r.end());
            parts.add(ids);
            all.addAll(ids);
        }
        if (all.isEmpty()) {
            return List.of();
        }
        List<byte[]> stored = reader.nodeHashes(List.copyOf(all));
        if (stored.size() != all.size()) {
            throw new IllegalStateException("node reader returned " + stored.size() + " hashes for " + all.size() + " ids");
        }
        List<byte[]> proof = new ArrayList<>(ranges.size());
        int next = 0;
        for (List<NodeId> ids : parts) {
            // Fold right to left: an incomplete range hashes as node(s1, node(s2, ... sk)).
            int last = next + ids.size() - 1;
            byte[] hash = checked(stored.get(last), all.get(last)).clone();
            for (int i = last - 1; i >= next; i--) {
                hash = MerkleHashes.nodeHash(checked(stored.get(i), all.get(i)), hash);
            }
            proof.add(hash);
            next = last + 1;
        }
        return proof;
    }

    private static byte[] checked(byte[] hash, NodeId id) {
        if (hash == null || hash.length != MerkleHashes.HASH_SIZE) {
            throw new IllegalStateException("node reader returned no valid hash for " + id);
        }
        return hash;
    }

    /** Leaves [begin, end) whose MTH is one proof component. */
    private record Range(long begin, long end) {
    }
}
