package online.hypermesh.trustchain.sinks.s3;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import online.hypermesh.trustchain.core.audit.AuditBundle;
import online.hypermesh.trustchain.core.audit.AuditChain;
import online.hypermesh.trustchain.core.audit.AuditRecord;

/**
 * Cuts the audit chain into {@link AuditSegment}s, read from PostgreSQL ({@code audit_chain},
 * {@code audit_event}, {@code audit_checkpoint}). A segment after position {@code c} ends at the
 * first checkpoint at or after {@code c + 1}, so each one closes with the signed head that
 * vouches for it, but holds at most {@code maxEvents} (a long stretch without a checkpoint, e.g.
 * a backlog, is cut into full segments; those are vouched for by the checkpoint of a later one).
 * Both bounds depend only on the chain, which never changes, and on checkpoints, which are only
 * ever added at the head: the segment after a given position is always the same, whenever and
 * however often it is cut. Of several checkpoints of one size only the first is included, for
 * the same reason. Read-only; each call on a connection of its own.
 */
public final class AuditSegments {
    private final DataSource dataSource;
    private final byte[] auditKey;

    /** @param auditKey the audit key's SubjectPublicKeyInfo, which each bundle names */
    public AuditSegments(DataSource dataSource, byte[] auditKey) {
        this.dataSource = dataSource;
        this.auditKey = auditKey.clone();
    }

    /** The segment right after position {@code after}; empty while no checkpoint covers the next event and fewer than {@code maxEvents} wait. */
    public Optional<AuditSegment> next(long after, int maxEvents) {
        try (Connection c = dataSource.getConnection()) {
            long head = number(c, "select coalesce(max(seq), 0) from audit_chain", after);
            if (head <= after) {
                return Optional.empty();
            }
            long checkpoint = number(c, "select coalesce(min(size), 0) from audit_checkpoint where size >= ?", after + 1);
            long last;
            if (checkpoint > 0) {
                last = Math.min(checkpoint, after + maxEvents);
            } else if (head - after >= maxEvents) {
                last = after + maxEvents;
            } else {
                return Optional.empty();
            }
            return Optional.of(segment(c, after + 1, last));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit chain after position " + after + ": " + e.getMessage(), e);
        }
    }

    private AuditSegment segment(Connection c, long first, long last) throws SQLException {
        byte[] previous;
        if (first == 1) {
            previous = AuditChain.genesis();
        } else {
            try (PreparedStatement s = c.prepareStatement("select hash from audit_chain where seq = ?")) {
                s.setLong(1, first - 1);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("the audit chain has no position " + (first - 1));
                    }
                    previous = r.getBytes(1);
                }
            }
        }
        AuditBundle bundle = new AuditBundle(auditKey, first, previous);
        String events = "select c.seq, c.hash, e.id, e.occurred_at, e.node, e.actor, e.action, e.object_type, e.object_id, e.details::text,"
                + " k.text, k.signature from audit_chain c join audit_event e on e.id = c.event_id"
                + " left join (select distinct on (size) size, text, signature from audit_checkpoint where size between ? and ? order by size, id) k"
                + " on k.size = c.seq where c.seq between ? and ? order by c.seq";
        long expected = first;
        try (PreparedStatement s = c.prepareStatement(events)) {
            s.setLong(1, first);
            s.setLong(2, last);
            s.setLong(3, first);
            s.setLong(4, last);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long seq = r.getLong(1);
                    if (seq != expected) {
                        throw new IllegalStateException("the audit chain has no position " + expected);
                    }
                    AuditRecord record = new AuditRecord(seq, r.getLong(3), r.getTimestamp(4).toInstant(), r.getString(5), r.getString(6),
                            r.getString(7), r.getString(8), r.getString(9), r.getString(10));
                    bundle.event(record, r.getBytes(2));
                    if (r.getString(11) != null) {
                        bundle.checkpoint(r.getString(11), r.getBytes(12));
                    }
                    expected++;
                }
            }
        }
        if (expected != last + 1) {
            throw new IllegalStateException("the audit chain has no position " + expected);
        }
        return new AuditSegment(first, last, bundle.text().getBytes(StandardCharsets.UTF_8));
    }

    private static long number(Connection c, String sql, long parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (sql.contains("?")) {
                s.setLong(1, parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
