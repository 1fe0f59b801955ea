package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.AuditChainStore;
import online.hypermesh.trustchain.core.audit.AuditRecord;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** audit_unchained, audit_chain and audit_checkpoint on the transaction's connection. */
@ApplicationScoped
public class JdbcAuditChainStore implements AuditChainStore {
    /** Advisory lock key of the chain's appenders ('audt'). */
    private static final long CHAIN_LOCK = 0x61756474L;
    private static final String EVENT_COLUMNS = "e.id, e.occurred_at, e.node, e.actor, e.action, e.object_type, e.object_id, e.details::text";
    private static final String CHECKPOINT_COLUMNS = "size, head, signed_at, node, text, signature";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public void lockChain() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            s.setLong(1, CHAIN_LOCK);
            s.execute();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot lock the audit chain", e);
        }
    }

    @Override
    public Optional<Head> head() {
        return one("select seq, hash from audit_chain order by seq desc limit 1", r -> new Head(r.getLong(1), r.getBytes(2)));
    }

    @Override
    public List<Unchained> unchained(int limit) {
        String sql = "select " + EVENT_COLUMNS + " from audit_unchained u join audit_event e on e.id = u.event_id order by u.event_id limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, limit);
            List<Unchained> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Unchained(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the audit events waiting for the chain", e);
        }
    }

    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into audit_chain (seq, event_id, hash) values (?, ?, ?)");
             PreparedStatement dequeue = c.prepareStatement("delete from audit_unchained where event_id = ?")) {
            for (Entry e : entries) {
                insert.setLong(1, e.seq());
                insert.setLong(2, e.eventId());
                insert.setBytes(3, e.hash());
                insert.addBatch();
                dequeue.setLong(1, e.eventId());
                dequeue.addBatch();
            }
            insert.executeBatch();
            dequeue.executeBatch();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot append to the audit chain", e);
        }
    }

    @Override
    public long unchainedCount() {
        return one("select count(*) from audit_unchained", r -> r.getLong(1)).orElse(0L);
    }

    @Override
    public void addCheckpoint(Checkpoint cp) {
        String sql = "insert into audit_checkpoint (" + CHECKPOINT_COLUMNS + ") values (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, cp.size());
            s.setBytes(2, cp.head());
            s.setTimestamp(3, Timestamp.from(cp.signedAt()));
            s.setString(4, cp.node());
            s.setString(5, cp.text());
            s.setBytes(6, cp.signature());
            s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store an audit checkpoint", e);
        }
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint() {
        return one("select " + CHECKPOINT_COLUMNS + " from audit_checkpoint order by size desc, id desc limit 1", JdbcAuditChainStore::checkpoint);
    }

    @Override
    public Optional<Checkpoint> firstCheckpointCovering(long size) {
        return one("select " + CHECKPOINT_COLUMNS + " from audit_checkpoint where size >= ? order by size, id limit 1",
                JdbcAuditChainStore::checkpoint, size);
    }

    @Override
    public List<Checkpoint> checkpoints(long fromSize, long toSize) {
        return many("select " + CHECKPOINT_COLUMNS + " from audit_checkpoint where size between ? and ? order by size, id",
                JdbcAuditChainStore::checkpoint, fromSize, toSize);
    }

    @Override
    public List<Chained> chained(long fromSeq, long toSeq) {
        String sql = "select c.seq, c.hash, " + EVENT_COLUMNS + " from audit_chain c join audit_event e on e.id = c.event_id"
                + " where c.seq between ? and ? order by c.seq";
        return many(sql, r -> new Chained(record(r, 3, r.getLong(1)), r.getBytes(2)), fromSeq, toSeq);
    }

    @Override
    public Optional<byte[]> hashAt(long seq) {
        return one("select hash from audit_chain where seq = ?", r -> r.getBytes(1), seq);
    }

    @Override
    public Optional<Long> firstSeqAtOrAfter(Instant time) {
        return one("select min(c.seq) from audit_chain c join audit_event e on e.id = c.event_id where e.occurred_at >= ?",
                r -> (Long) r.getObject(1), Timestamp.from(time));
    }

    @Override
    public Optional<Long> lastSeqBefore(Instant time) {
        return one("select max(c.seq) from audit_chain c join audit_event e on e.id = c.event_id where e.occurred_at < ?",
                r -> (Long) r.getObject(1), Timestamp.from(time));
    }

    @Override
    public List<Listed> page(long afterId, int limit, String action, String actor, Instant from, Instant to, String objectId) {
        String sql = "select c.seq, " + EVENT_COLUMNS + " from audit_event e left join audit_chain c on c.event_id = e.id where e.id > ?"
                + " and (cast(? as varchar) is null or e.action = ?) and (cast(? as varchar) is null or e.actor = ?)"
                + " and (cast(? as timestamptz) is null or e.occurred_at >= ?) and (cast(? as timestamptz) is null or e.occurred_at < ?)"
                + " and (cast(? as varchar) is null or e.object_id = ?)"
                + " order by e.id limit ?";
        Timestamp f = from == null ? null : Timestamp.from(from);
        Timestamp t = to == null ? null : Timestamp.from(to);
        return many(sql, r -> {
            Long seq = (Long) r.getObject(1);
            return new Listed(record(r, 2, seq == null ? 0 : seq), seq);
        }, afterId, action, action, actor, actor, f, f, t, t, objectId, objectId, limit);
    }

    private static AuditRecord record(ResultSet r, int first, long seq) throws SQLException {
        return new AuditRecord(seq, r.getLong(first), r.getTimestamp(first + 1).toInstant(), r.getString(first + 2), r.getString(first + 3),
                r.getString(first + 4), r.getString(first + 5), r.getString(first + 6), r.getString(first + 7));
    }

    private static Checkpoint checkpoint(ResultSet r) throws SQLException {
        return new Checkpoint(r.getLong(1), r.getBytes(2), r.getTimestamp(3).toInstant(), r.getString(4), r.getString(5), r.getBytes(6));
    }

    private interface Row<T> {
        T map(ResultSet r) throws SQLException;
    }

    private <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        List<T> all = many(sql, row, params);
        return all.isEmpty() || all.get(0) == null ? Optional.empty() : Optional.of(all.get(0));
    }

    private <T> List<T> many(String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row.map(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the audit trail", e);
        }
    }
}
