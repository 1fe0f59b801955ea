package online.hypermesh.trustchain.core.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One audit event at its position in the chain, and the exact bytes the chain hashes: a JSON
 * object with the fields in a fixed order, strings escaped by {@link #quote}, the time in UTC with
 * six fraction digits (what PostgreSQL stores), and the details as the database renders its jsonb
 * (an opaque JSON text here). Whoever holds these fields computes the same bytes, so a verifier
 * needs no JSON library: it hashes the line it was given.
 *
 * @param seq      position in the chain, from 1
 * @param objectId null when the event has no object id
 * @param details  a JSON object text
 */
public record AuditRecord(long seq, long id, Instant occurredAt, String node, String actor, String action, String objectType,
                          String objectId, String details) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public AuditRecord {
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The canonical JSON line: what {@link AuditChain} hashes and an export bundle carries. */
    public String canonicalJson() {
        return "{\"seq\":" + seq + ",\"id\":" + id + ",\"occurred_at\":" + quote(TIME.format(occurredAt)) + ",\"node\":" + quote(node)
                + ",\"actor\":" + quote(actor) + ",\"action\":" + quote(action) + ",\"object_type\":" + quote(objectType)
                + ",\"object_id\":" + (objectId == null ? "null" : quote(objectId)) + ",\"details\":" + details + "}";
    }

    /** A JSON string (RFC 8259 section 7): quotation mark, reverse solidus and control characters escaped, nothing else. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
