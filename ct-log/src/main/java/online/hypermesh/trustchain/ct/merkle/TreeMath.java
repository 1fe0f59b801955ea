package online.hypermesh.trustchain.ct.merkle;

import java.util.ArrayList;
import java.util.List;

/** Index arithmetic shared by the tree-head, proof and compact-range code. */
final class TreeMath {

    private TreeMath() {
    }

    /** The k of RFC 6962: the largest power of two strictly smaller than {@code n}; requires n >= 2. */
    static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }

    /**
     * The perfect subtrees, left to right, whose right-fold hashes to MTH(D[begin:end]).
     *
     * <p>Only valid for the ranges the RFC recursion produces: {@code begin} is a multiple of a
     * power of two that is at least {@code end - begin}. Taking the largest power of two of the
     * remaining width each time then always yields aligned, complete subtrees, and the fold
     * {@code node(s1, node(s2, ... sk))} is exactly what the RFC's "split at the largest power
     * of two" recursion computes.
     */
    static List<NodeId> perfectSubtrees(long begin, long end) {
        List<NodeId> out = new ArrayList<>(Long.bitCount(end - begin));
        long at = begin;
        while (at < end) {
            long width = Long.highestOneBit(end - at);
            int level = Long.numberOfTrailingZeros(width);
            out.add(new NodeId(level, at >>> level));
            at += width;
        }
        return out;
    }
}
