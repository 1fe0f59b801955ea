package online.hypermesh.trustchain.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Verifies an {@link AuditBundle} offline: every event's chain hash recomputed from the one
 * before, positions contiguous, every checkpoint signed by the bundle's audit key and equal to
 * the recomputed head at its size, and the last event covered by a checkpoint. It reports the
 * first position that fails: where a recomputed hash first differs from the stored one (a
 * changed row), where a position is missing (a deleted row), or, if the stored hashes were
 * rewritten to match, the checkpoint whose signed head no longer matches.
 *
 * <p>Whether the key is the deployment's audit key is the verifier's caller's business: compare
 * it with the key the operator published ({@code GET /api/v1/audit/key}).
 */
public final class AuditBundleVerifier {

    /** The outcome: {@code ok}, or the first failing position (0 when the failure is not at an event) and why. */
    public record Result(boolean ok, long events, long firstSeq, long lastSeq, int checkpoints, long failedAt, String reason) {
        static Result failed(long at, String reason) {
            return new Result(false, 0, 0, 0, 0, at, reason);
        }
    }

    private AuditBundleVerifier() {
    }

    public static Result verify(String bundle) {
        String[] lines = bundle.split("\n");
        if (lines.length < 3 || !lines[0].equals(AuditBundle.FIRST_LINE)) {
            return Result.failed(0, "not a TrustChain audit bundle (first line '" + AuditBundle.FIRST_LINE + "')");
        }
        PublicKey key;
        long expected;
        byte[] hash;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(decode(field(lines[1], "key"))));
            String[] start = field(lines[2], "start").split(" ");
            expected = Long.parseLong(start[0]);
            hash = decode(start[1]);
            if (expected < 1 || hash.length != AuditChain.HASH_LENGTH || (expected == 1 && !Arrays.equals(hash, AuditChain.genesis()))) {
                return Result.failed(0, "the start line names no valid position and previous hash");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return Result.failed(0, "malformed header: " + e.getMessage());
        }
        long first = expected;
        long events = 0;
        int checkpoints = 0;
        long lastCheckpointSize = first - 1;
        Map<Long, byte[]> heads = new HashMap<>();
        for (int i = 3; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("event ")) {
                String[] parts = line.split(" ", 4);
                long seq;
                byte[] stored;
                try {
                    seq = Long.parseLong(parts[1]);
                    stored = decode(parts[2]);
                } catch (RuntimeException e) {
                    return Result.failed(expected, "line " + (i + 1) + " is no event line: " + e.getMessage());
                }
                if (seq != expected) {
                    return Result.failed(expected, "position " + expected + " is missing (the next event is at " + seq
                            + "): an event was removed or reordered");
                }
                String json = parts.length == 4 ? parts[3] : "";
                if (!json.startsWith("{\"seq\":" + seq + ",")) {
                    return Result.failed(seq, "the event at position " + seq + " names another position");
                }
                hash = AuditChain.next(hash, json);
                if (!Arrays.equals(hash, stored)) {
                    return Result.failed(seq, "the event at position " + seq + " does not hash to its stored chain hash: it was changed");
                }
                heads.put(seq, hash);
                expected++;
                events++;
            } else if (line.startsWith("checkpoint ")) {
                String[] parts = line.split(" ");
                AuditCheckpoint checkpoint;
                try {
                    byte[] text = decode(parts[1]);
                    if (!verifies(key, text, decode(parts[2]))) {
                        return Result.failed(0, "the checkpoint on line " + (i + 1) + " is not signed by the bundle's audit key");
                    }
                    checkpoint = AuditCheckpoint.parse(new String(text, StandardCharsets.UTF_8));
                } catch (GeneralSecurityException | RuntimeException e) {
                    return Result.failed(0, "the checkpoint on line " + (i + 1) + " is malformed: " + e.getMessage());
                }
                byte[] head = heads.get(checkpoint.size());
                if (head == null) {
                    return Result.failed(0, "the checkpoint on line " + (i + 1) + " signs size " + checkpoint.size()
                            + ", which is not among the bundle's events");
                }
                if (!Arrays.equals(head, checkpoint.head())) {
                    return Result.failed(lastCheckpointSize + 1, "the events after position " + lastCheckpointSize + " up to "
                            + checkpoint.size() + " do not hash to the signed head of the checkpoint of " + checkpoint.time()
                            + ": one of them was changed and its stored hashes rewritten");
                }
                lastCheckpointSize = Math.max(lastCheckpointSize, checkpoint.size());
                checkpoints++;
            } else if (!line.isEmpty()) {
                return Result.failed(0, "line " + (i + 1) + " is neither an event nor a checkpoint");
            }
        }
        if (events == 0) {
            return Result.failed(0, "the bundle holds no events");
        }
        if (lastCheckpointSize != expected - 1) {
            return Result.failed(lastCheckpointSize + 1, "the events from position " + (lastCheckpointSize + 1)
                    + " on are covered by no checkpoint");
        }
        return new Result(true, events, first, expected - 1, checkpoints, 0, "verified");
    }

    private static boolean verifies(PublicKey key, byte[] text, byte[] signature) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initVerify(key);
        s.update(text);
        return s.verify(signature);
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected '" + name + " ...'");
        }
        return line.substring(name.length() + 1);
    }

    private static byte[] decode(String b64) {
        return Base64.getDecoder().decode(b64);
    }
}
