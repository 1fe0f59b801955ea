package online.hypermesh.trustchain.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash chain over the audit trail: {@code hash(n) = SHA-256(hash(n-1) || canonical JSON of
 * record n)}, with 32 zero bytes before the first record. Changing any byte of a record, removing
 * one, or reordering two changes every later hash, so a signed head (an {@link AuditCheckpoint})
 * vouches for everything before it.
 */
public final class AuditChain {
    public static final int HASH_LENGTH = 32;

    private AuditChain() {
    }

    /** The hash before the first record. */
    public static byte[] genesis() {
        return new byte[HASH_LENGTH];
    }

    public static byte[] next(byte[] previous, String canonicalJson) {
        if (previous.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a chain hash is 32 bytes, not " + previous.length);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous);
            sha.update(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
        }
    }
}
