package online.hypermesh.trustchain.sinks.s3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import online.hypermesh.trustchain.core.audit.AuditBundleVerifier;

/**
 * The read-back check of the archive: downloads every audit segment, checks each object against
 * the SHA-256 stored with it (the flexible checksum, else the {@value S3Archive#CHECKSUM_METADATA}
 * user metadata), checks that the segments follow each other without a gap (each one's previous
 * hash is the last stored hash of the one before, and all name the same audit key), and
 * recomputes the whole chain across them with the offline verifier's rules
 * ({@link AuditBundleVerifier}: every hash from the one before, every checkpoint's signature and
 * head). It reports the first position that fails and every object whose bytes are not what was
 * written. Holds the archive in memory while it checks (about 0.5 KB per event).
 */
public final class S3ArchiveVerifier {
    private static final Pattern SEGMENT = Pattern.compile("(\\d{20})-(\\d{20})" + Pattern.quote(S3Archive.SEGMENT_SUFFIX));

    /**
     * @param failedAt the first position that fails (0 when ok, or when the failure is at no position)
     * @param damaged  keys of the objects whose bytes do not match their stored checksum
     */
    public record Result(boolean ok, int objects, long events, long firstSeq, long lastSeq, int checkpoints, long failedAt, String reason,
                         List<String> damaged) {
    }

    private S3ArchiveVerifier() {
    }

    public static Result verify(S3Client client, S3Archive.Target target) {
        String folder = target.prefix() + S3Archive.AUDIT_FOLDER;
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(target.bucket()).prefix(folder).build()).contents()) {
                keys.add(o.key());
            }
        } catch (SdkException e) {
            return new Result(false, 0, 0, 0, 0, 0, 0, "cannot list " + target.describe() + ": " + e.getMessage(), List.of());
        }
        keys.sort(null);
        if (keys.isEmpty()) {
            return new Result(false, 0, 0, 0, 0, 0, 0, "no audit segment under " + target.describe(), List.of());
        }
        List<String> damaged = new ArrayList<>();
        long firstDamaged = 0;
        StringBuilder chain = new StringBuilder();
        String header = null;
        long expected = 1;
        String lastHash = null;
        String failure = null;
        long failedAt = 0;
        for (String key : keys) {
            Matcher m = SEGMENT.matcher(key.substring(folder.length()));
            if (!m.matches()) {
                failure = failure != null ? failure : "object " + key + " is not named like an audit segment";
                continue;
            }
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            byte[] bytes;
            String stored;
            try {
                // The stored checksum from HEAD, the bytes from a plain GET: the SDK's own validation would only throw, without saying where.
                HeadObjectResponse head = client.headObject(HeadObjectRequest.builder().bucket(target.bucket()).key(key)
                        .checksumMode(ChecksumMode.ENABLED).build());
                stored = head.checksumSHA256() != null ? head.checksumSHA256() : head.metadata().get(S3Archive.CHECKSUM_METADATA);
                bytes = client.getObjectAsBytes(GetObjectRequest.builder().bucket(target.bucket()).key(key).build()).asByteArray();
            } catch (SdkException e) {
                return new Result(false, keys.size(), 0, 0, 0, 0, first, "cannot read " + key + ": " + e.getMessage(), damaged);
            }
            if (stored == null || !stored.equals(AuditSegment.sha256(bytes))) {
                damaged.add(key);
                firstDamaged = firstDamaged == 0 ? first : firstDamaged;
            }
            if (failure != null) {
                continue; // the chain is broken already; the checksums of the rest are still worth reporting
            }
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", 4);
            if (lines.length < 4) {
                failure = "object " + key + " is no audit bundle";
                failedAt = first;
                continue;
            }
            String[] start = lines[2].split(" ");
            if (first != expected) {
                failure = first > expected ? "positions " + expected + " to " + (first - 1) + " are missing from the archive"
                        : "object " + key + " overlaps the segment before it";
                failedAt = expected;
                continue;
            }
            if (start.length != 3 || !start[0].equals("start") || !start[1].equals(Long.toString(first))) {
                failure = "object " + key + " does not start at position " + first;
                failedAt = first;
                continue;
            }
            if (header == null) {
                header = lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n";
                chain.append(header);
            } else if (!(lines[0] + "\n" + lines[1]).equals(header.substring(0, header.indexOf('\n', header.indexOf('\n') + 1)))) {
                failure = "object " + key + " names another audit key than the segments before it";
                failedAt = first;
                continue;
            } else if (!start[2].equals(lastHash)) {
                failure = "object " + key + " does not continue the chain of the segment before it (its previous hash differs)";
                failedAt = first;
                continue;
            }
            String body = lines[3];
            chain.append(body);
            if (!body.endsWith("\n")) {
                chain.append('\n');
            }
            lastHash = lastStoredHash(body);
            expected = last + 1;
        }
        if (failure != null) {
            return new Result(false, keys.size(), 0, 0, 0, 0, failedAt == 0 ? firstDamaged : failedAt, failure, damaged);
        }
        AuditBundleVerifier.Result r = AuditBundleVerifier.verify(chain.toString());
        if (!r.ok()) {
            return new Result(false, keys.size(), 0, 0, 0, 0, r.failedAt() == 0 ? firstDamaged : r.failedAt(), r.reason()
                    + (damaged.isEmpty() ? "" : "; objects not matching their checksum: " + damaged), damaged);
        }
        if (!damaged.isEmpty()) {
            return new Result(false, keys.size(), r.events(), r.firstSeq(), r.lastSeq(), r.checkpoints(), firstDamaged,
                    "objects not matching their stored checksum: " + damaged, damaged);
        }
        return new Result(true, keys.size(), r.events(), r.firstSeq(), r.lastSeq(), r.checkpoints(), 0, "verified", List.of());
    }

    /** The stored hash (base64) on the last event line of a bundle's body. */
    private static String lastStoredHash(String body) {
        int at = body.lastIndexOf("\nevent ");
        String line = at < 0 ? body.startsWith("event ") ? body : "" : body.substring(at + 1);
        String[] parts = line.split(" ", 4);
        return parts.length >= 3 ? parts[2] : "";
    }
}
