package online.hypermesh.trustchain.core.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A signed statement of the chain's head: "the first {@code size} records of {@code origin}'s
 * audit trail hash to {@code head}". Its text is what the audit key signs (ECDSA P-256 with
 * SHA-256, DER signature), so a third party checks it with
 * {@code openssl dgst -sha256 -verify audit-key.pem -signature checkpoint.sig checkpoint.txt}:
 * <pre>
 * trustchain audit checkpoint v1
 * origin hypermesh.online
 * size 1234
 * head 3q2+7w...=
 * time 2026-12-02T19:30:00Z
 * </pre>
 * Each line ends with a newline, the last one too.
 */
public record AuditCheckpoint(String origin, long size, byte[] head, Instant time) {
    static final String FIRST_LINE = "trustchain audit checkpoint v1";

    public AuditCheckpoint {
        if (origin.isEmpty() || origin.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("an origin is one word without spaces");
        }
        if (size < 1 || head.length != AuditChain.HASH_LENGTH) {
            throw new IllegalArgumentException("a checkpoint covers at least one record and names a 32-byte head");
        }
        head = head.clone();
        time = time.truncatedTo(ChronoUnit.SECONDS);
    }

    public String text() {
        return FIRST_LINE + "\norigin " + origin + "\nsize " + size + "\nhead " + Base64.getEncoder().encodeToString(head) + "\ntime "
                + time + "\n";
    }

    public byte[] signedBytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    /** Parses {@link #text()}; IllegalArgumentException with the reason if it is not one. */
    public static AuditCheckpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length != 6 || !lines[0].equals(FIRST_LINE) || !lines[5].isEmpty()) {
            throw new IllegalArgumentException("not a TrustChain audit checkpoint (5 lines, the first '" + FIRST_LINE + "')");
        }
        try {
            return new AuditCheckpoint(field(lines[1], "origin"), Long.parseLong(field(lines[2], "size")),
                    Base64.getDecoder().decode(field(lines[3], "head")), Instant.parse(field(lines[4], "time")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed audit checkpoint: " + e.getMessage(), e);
        }
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected '" + name + " ...', found '" + line + "'");
        }
        return line.substring(name.length() + 1);
    }
}
