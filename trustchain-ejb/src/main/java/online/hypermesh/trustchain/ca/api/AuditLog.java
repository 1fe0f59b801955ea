package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Local;

/**
 * The tamper-evident audit trail for auditors and administrators: pages of events, the signed
 * checkpoints of the chain over them, and the compliance export that a third party verifies
 * offline (the witness jar's {@code verify-audit}, or by hand with openssl for the signatures).
 */
@Local
public interface AuditLog {

    /** Events after {@code afterId} in id order; each with its chain position once chained (about a second after commit). */
    Page page(Query query, Caller caller);

    /**
     * A bundle (core.audit.AuditBundle) of the contiguous chain segment from the first event at
     * or after {@code from} to the last before {@code to}, extended to the first checkpoint that
     * covers it (signing one now if none does yet). BAD_REQUEST beyond {@link #MAX_EXPORT} events.
     */
    String export(Instant from, Instant to, Caller caller);

    /** Chains what is queued and signs the head now unless a checkpoint covers it already. */
    CheckpointView checkpoint(Caller caller);

    /** The audit key (SubjectPublicKeyInfo PEM) that signs checkpoints. */
    String publicKeyPem(Caller caller);

    /**
     * Reads the S3 archive back ({@code trustchain.s3.*}): each object against its stored
     * SHA-256, the chain recomputed across all segments, the checkpoints' signatures. NOT_FOUND
     * when no archive is configured; a failed check is a report ({@code ok} false), not an error.
     */
    ArchiveCheck verifyArchive(Caller caller);

    int MAX_EXPORT = 100_000;

    /** @param objectId only the events about this object (a certificate's serial, an account's name), or null for all */
    record Query(long afterId, int limit, String action, String actor, Instant from, Instant to, String objectId) {
    }

    /** @param details the event's details (small, non-secret key/value pairs); @param seq null while not yet chained */
    record Event(long id, Long seq, Instant occurredAt, String node, String actor, String action, String objectType, String objectId,
                 java.util.SortedMap<String, String> details) {
    }

    /** @param unchained how many committed events wait to be chained (the sealer's lag) */
    record Page(List<Event> events, long unchained) {
    }

    /** @param failedAt the first failing position (0: none, or not at a position); @param damaged keys of objects not matching their checksum */
    record ArchiveCheck(String location, boolean ok, int objects, long events, long firstSeq, long lastSeq, int checkpoints, long failedAt,
                        String reason, List<String> damaged, CtArchiveCheck ct) {
    }

    /** The CT log's tiles and checkpoint in the archive; @param failedAtLeaf first leaf of the first tile that fails (-1: none) */
    record CtArchiveCheck(boolean ok, long treeSize, int tiles, long failedAtLeaf, String reason, List<String> damaged) {
    }

    /** @param text exactly the signed bytes; @param signature base64 DER ECDSA */
    record CheckpointView(long size, String head, Instant signedAt, String node, String text, String signature) {
    }
}
