package online.hypermesh.trustchain.sinks.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One archived run of the audit chain, positions {@code first} to {@code last}: an audit bundle
 * (core.audit.AuditBundle: the audit key, the chain hash before {@code first}, every event as
 * the chain hashed it, and the signed checkpoints among them), so a third party verifies it with
 * the offline verifier alone. Its object key is made of its range, zero-padded so a listing is in
 * chain order; the same range always renders the same bytes, so writing it again is harmless.
 */
public record AuditSegment(long first, long last, byte[] bytes) {

    /** The object key under the archive's prefix ({@code ""} or ending in {@code /}). */
    public String key(String prefix) {
        return prefix + S3Archive.AUDIT_FOLDER + String.format("%020d-%020d", first, last) + S3Archive.SEGMENT_SUFFIX;
    }

    /** SHA-256 of the bytes, base64: the value of {@code x-amz-checksum-sha256}. */
    public String sha256() {
        return sha256(bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
        }
    }
}
