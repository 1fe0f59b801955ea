package online.hypermesh.trustchain.ct.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 PATH and PROOF definitions transcribed as literally as possible over a plain
 * list of leaf hashes, with MTH recomputed from scratch for every sub-list. Slow on purpose:
 * it is the yardstick for {@link ProofGenerator}, which reaches the same hashes through stored
 * perfect subtrees.
 */
final class RfcReference {

    private RfcReference() {
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        int n = d.size();
        if (n == 1) {
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(MerkleTreeHash.of(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(MerkleTreeHash.of(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean complete) {
        List<byte[]> out = new ArrayList<>();
        int n = d.size();
        if (m == n) {
            if (!complete) {
                out.add(MerkleTreeHash.of(d));
            }
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), complete));
            out.add(MerkleTreeHash.of(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(MerkleTreeHash.of(d.subList(0, k)));
        }
        return out;
    }
}
