package online.hypermesh.trustchain.ct.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The RFC 6962 hashing strategy (section 2.1): SHA-256 with a one-byte domain prefix so that
 * a leaf can never be passed off as an interior node (second-preimage protection).
 * All methods are thread-safe and return fresh arrays.
 */
public final class MerkleHashes {

    /** Length in bytes of every hash in the tree. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    // MessageDigest is stateful and not thread-safe; one per thread avoids both sharing and the
    // provider lookup of getInstance on the sequencer's hot path. digest() resets it after use.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleHashes::newSha256);

    private MerkleHashes() {
    }

    /** MTH({}) = SHA-256 of the empty string: the root of the empty tree. */
    public static byte[] emptyRoot() {
        return SHA256.get().digest();
    }

    /** MTH({d}) = SHA-256(0x00 || leaf), where {@code leaf} is the raw leaf input (e.g. a MerkleTreeLeaf). */
    public static byte[] leafHash(byte[] leaf) {
        Objects.requireNonNull(leaf, "leaf");
        MessageDigest md = SHA256.get();
        md.update(LEAF_PREFIX);
        md.update(leaf);
        return md.digest();
    }

    /** SHA-256(0x01 || left || right): the hash of an interior node from its two children's hashes. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        MessageDigest md = SHA256.get();
        md.update(NODE_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** Throws if {@code hash} is not a {@link #HASH_SIZE}-byte array; {@code what} names it in the message. */
    static byte[] requireHash(byte[] hash, String what) {
        Objects.requireNonNull(hash, what);
        if (hash.length != HASH_SIZE) {
            throw new IllegalArgumentException(what + " must be " + HASH_SIZE + " bytes, got " + hash.length);
        }
        return hash;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256, so this is a broken JRE, not a user error.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
