package online.hypermesh.trustchain.ca.domain;

import java.util.List;
import java.util.Optional;

/**
 * The audit trail's archive outside the database (the S3 sink's bucket), checked by reading it
 * back: every object against its stored checksum, and the chain recomputed across all of them
 * with the offline verifier's rules. Read-only; no transaction.
 */
public interface AuditArchive {

    /** The check of the whole archive (the audit trail, and the CT log when it is archived too); empty when no archive is configured. */
    Optional<Check> verify();

    /**
     * @param location  where the archive is, e.g. {@code s3://bucket/prefix/ at http://...}
     * @param failedAt  the first position that fails (0 when ok or when the failure is at no position)
     * @param damaged   object keys whose bytes do not match their stored checksum
     * @param ct        the CT log's part; null when only the audit trail is archived
     */
    record Check(String location, boolean ok, int objects, long events, long firstSeq, long lastSeq, int checkpoints, long failedAt,
                 String reason, List<String> damaged, CtCheck ct) {
    }

    /** @param failedAtLeaf first leaf of the first tile that fails (-1: none, or not at a leaf) */
    record CtCheck(boolean ok, long treeSize, int tiles, long failedAtLeaf, String reason, List<String> damaged) {
    }
}
