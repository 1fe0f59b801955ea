package online.hypermesh.trustchain.witness.client;

import java.util.ArrayList;
import java.util.List;

import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.NodeId;
import online.hypermesh.trustchain.ct.merkle.NodeReader;

/**
 * The Merkle tree hash of a log at any earlier size, from its stored perfect subtrees: the tree
 * of n leaves is the perfect subtrees of n's set bits, left to right, folded from the right
 * (RFC 9162 section 2.1.1). One batched read of at most 64 nodes.
 */
public final class TreeRoots {
    private TreeRoots() {
    }

    public static byte[] rootAt(NodeReader nodes, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        if (size == 0) {
            return MerkleHashes.emptyRoot();
        }
        List<NodeId> ids = new ArrayList<>();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                ids.add(new NodeId(level, start >>> level));
                start += 1L << level;
            }
        }
        List<byte[]> hashes = nodes.nodeHashes(ids);
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = MerkleHashes.nodeHash(hashes.get(i), root);
        }
        return root;
    }
}
