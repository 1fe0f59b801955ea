package online.hypermesh.trustchain.ct.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies inclusion and consistency proofs with the algorithms of RFC 9162 sections 2.1.3.2
 * and 2.1.4.2, which also work for proofs made per RFC 6962 (the proofs are identical).
 *
 * <p>Everything is untrusted input: a proof is accepted only if every component is a 32-byte
 * hash, the path has exactly the length the sizes imply (the {@code sn == 0} checks catch both
 * missing and extra components) and the recomputed roots match. Sizes are unsigned on the wire;
 * a value of 2^63 or more arrives here negative and is rejected.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /**
     * Checks that {@code leafHash} is leaf {@code leafIndex} of the tree of {@code treeSize} leaves
     * whose root is {@code root}.
     *
     * @param proof the audit path, nearest sibling first
     * @throws InvalidProofException if it does not, with the failed check as message
     */
    public static void verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws InvalidProofException {
        if (treeSize <= 0) {
            throw new InvalidProofException("tree size must be positive, got " + Long.toUnsignedString(treeSize));
        }
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new InvalidProofException("leaf index " + Long.toUnsignedString(leafIndex) + " is outside a tree of size " + treeSize);
        }
        requireHash(leafHash, "leaf hash");
        requireHash(root, "root");
        requireHashes(proof);

        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new InvalidProofException("inclusion proof is longer than tree size " + treeSize + " allows");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.nodeHash(p, r);
                // fn == sn with fn even: we are the right edge and have no sibling on the
                // levels where the right subtree was absent; climb past them.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleHashes.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("inclusion proof is shorter than tree size " + treeSize + " requires");
        }
        if (!MessageDigest.isEqual(r, root)) {
            throw new InvalidProofException("inclusion proof does not lead to the given root");
        }
    }

    /**
     * Checks that the tree of {@code size2} leaves with root {@code root2} is an append-only
     * extension of the tree of {@code size1} leaves with root {@code root1}.
     *
     * <p>Equal sizes need an empty proof and identical roots. {@code size1 == 0} is always
     * rejected: every tree extends the empty one, so such a "proof" would prove nothing, and
     * RFC 9162 defines consistency proofs only for {@code 0 < size1}.
     *
     * @throws InvalidProofException if it is not, with the failed check as message
     */
    public static void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
            throws InvalidProofException {
        Objects.requireNonNull(proof, "proof");
        if (size1 < 0 || size2 < 0) {
            throw new InvalidProofException("tree sizes out of range: " + Long.toUnsignedString(size1) + ", " + Long.toUnsignedString(size2));
        }
        if (size1 > size2) {
            throw new InvalidProofException("size1 " + size1 + " is greater than size2 " + size2);
        }
        if (size1 == 0) {
            throw new InvalidProofException("consistency with the empty tree proves nothing");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new InvalidProofException("equal tree sizes need an empty proof, got " + proof.size() + " components");
            }
            // The trees are the same tree, so the heads must be byte-identical; their format was
            // checked when they were signed, not here.
            if (root1 == null || root2 == null || !MessageDigest.isEqual(root1, root2)) {
                throw new InvalidProofException("equal tree sizes but different roots");
            }
            return;
        }
        requireHash(root1, "root1");
        requireHash(root2, "root2");
        requireHashes(proof);
        if (proof.isEmpty()) {
            throw new InvalidProofException("consistency proof is empty");
        }

        // When size1 is a power of two the old root is itself a node of the new tree, so the RFC
        // omits it from the proof and the verifier starts from root1.
        List<byte[]> path = proof;
        if (Long.bitCount(size1) == 1) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(root1);
            path.addAll(proof);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        // Skip the levels where the old tree's right edge is a left child of a full subtree:
        // the first path element already stands for that whole subtree.
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new InvalidProofException("consistency proof is longer than sizes " + size1 + ", " + size2 + " allow");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.nodeHash(c, fr);
                sr = MerkleHashes.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                // Nodes right of the old tree only contribute to the new root.
                sr = MerkleHashes.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("consistency proof is shorter than sizes " + size1 + ", " + size2 + " require");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new InvalidProofException("consistency proof does not lead to root1");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new InvalidProofException("consistency proof does not lead to root2");
        }
    }

    private static void requireHashes(List<byte[]> proof) throws InvalidProofException {
        Objects.requireNonNull(proof, "proof");
        for (int i = 0; i < proof.size(); i++) {
            requireHash(proof.get(i), "proof component " + i);
        }
    }

    private static void requireHash(byte[] hash, String what) throws InvalidProofException {
        if (hash == null || hash.length != MerkleHashes.HASH_SIZE) {
            throw new InvalidProofException(what + " is not a " + MerkleHashes.HASH_SIZE + "-byte hash");
        }
    }
}
