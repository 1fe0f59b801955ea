package online.hypermesh.trustchain.it;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle proof verification written from RFC 9162 sections 2.1.3.2 (inclusion) and 2.1.4.2
 * (consistency), for the black-box test. Deliberately independent of the server's ct-log module:
 * Google's ctlog 0.1.0 has no Merkle verifier, and checking the log with its own code would let
 * a shared misreading of the RFC pass.
 */
final class Rfc9162Proofs {
    private Rfc9162Proofs() {
    }

    /** MTH of one entry: SHA-256(0x00 || leaf). */
    static byte[] leafHash(byte[] leafInput) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(leafInput);
    }

    /** An interior node: SHA-256(0x01 || left || right). */
    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /** RFC 9162 2.1.3.2: whether {@code path} proves the leaf {@code hash} at {@code leafIndex} in the tree with {@code root}. */
    static boolean inclusionVerifies(long leafIndex, long treeSize, byte[] hash, List<byte[]> path, byte[] root) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = hash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if (lsb(fn) || fn == sn) {
                r = nodeHash(p, r);
                while (!lsb(fn) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: whether {@code path} proves that the tree of size {@code second} extends the one of size {@code first}. */
    static boolean consistencyVerifies(long first, long second, byte[] firstHash, byte[] secondHash, List<byte[]> path) {
        if (first < 1 || second < first) {
            return false;
        }
        if (first == second) {
            return path.isEmpty() && Arrays.equals(firstHash, secondHash);
        }
        if (path.isEmpty()) {
            return false;
        }
        List<byte[]> nodes = new ArrayList<>(path);
        if (Long.bitCount(first) == 1) {
            nodes.add(0, firstHash);
        }
        long fn = first - 1;
        long sn = second - 1;
        while (lsb(fn)) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = nodes.get(0);
        byte[] sr = nodes.get(0);
        for (byte[] c : nodes.subList(1, nodes.size())) {
            if (sn == 0) {
                return false;
            }
            if (lsb(fn) || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while (!lsb(fn) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
    }

    private static boolean lsb(long n) {
        return (n & 1) == 1;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
