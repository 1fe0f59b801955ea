package online.hypermesh.trustchain.sinks.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * {@link EventOutbox} on PostgreSQL: {@code audit_chain} joined with {@code audit_event}, and the
 * tables of migration V24 ({@code event_sink}, {@code event_sink_dead_letter}). Every write is a
 * single statement on a connection of its own, so it commits by itself (no caller's transaction
 * is joined, and a dead letter with its cursor move is one statement, atomic). The durability
 * contract is {@link EventOutbox}'s: the cursor moves only forward, after the sink took the
 * events; a crash before that commit means the events are sent again.
 */
public final class JdbcEventOutbox implements EventOutbox {
    private final DataSource dataSource;

    public JdbcEventOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void register(String sink) {
        update("insert into event_sink (sink) values (?) on conflict (sink) do nothing", sink);
    }

    @Override
    public boolean claim(String sink, String node, Duration lease) {
        return update("update event_sink set owner = ?, lease_until = now() + ? * interval '1 millisecond'"
                + " where sink = ? and (owner is null or owner = ? or lease_until is null or lease_until < now())",
                node, lease.toMillis(), sink, node) == 1;
    }

    @Override
    public void release(String sink, String node) {
        update("update event_sink set owner = null, lease_until = null where sink = ? and owner = ?", sink, node);
    }

    @Override
    public long cursor(String sink) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select position from event_sink where sink = ?")) {
            s.setString(1, sink);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no event sink '" + sink + "' is registered");
                }
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("read the cursor of sink " + sink, e);
        }
    }

    @Override
    public List<OutboxEvent> after(long afterSeq, int limit) {
        // The details as two arrays in key order: the store needs no JSON parser.
        String sql = "select c.seq, c.hash, e.id, e.occurred_at, e.node, e.actor, e.action, e.object_type, e.object_id,"
                + " array(select key from jsonb_each_text(e.details) order by key),"
                + " array(select value from jsonb_each_text(e.details) order by key)"
                + " from audit_chain c join audit_event e on e.id = c.event_id where c.seq > ? order by c.seq limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, afterSeq);
            s.setInt(2, limit);
            List<OutboxEvent> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String[] keys = strings(r.getArray(10));
                    String[] values = strings(r.getArray(11));
                    TreeMap<String, String> details = new TreeMap<>();
                    for (int i = 0; i < keys.length; i++) {
                        details.put(keys[i], values[i] == null ? "" : values[i]);
                    }
                    out.add(new OutboxEvent(r.getLong(1), r.getBytes(2), r.getLong(3), r.getTimestamp(4).toInstant(), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8), r.getString(9), details));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the audit chain after position " + afterSeq, e);
        }
    }

    @Override
    public void advance(String sink, long seq) {
        update("update event_sink set position = greatest(position, ?), updated_at = now() where sink = ?", seq, sink);
    }

    @Override
    public void deadLetter(String sink, OutboxEvent event, String reason) {
        update("with parked as (insert into event_sink_dead_letter (sink, seq, reason) values (?, ?, ?) on conflict (sink, seq) do nothing)"
                + " update event_sink set position = greatest(position, ?), updated_at = now() where sink = ?",
                sink, event.seq(), reason, event.seq(), sink);
    }

    @Override
    public long lag(String sink) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select greatest(coalesce((select max(seq) from audit_chain), 0) - position, 0) from event_sink where sink = ?")) {
            s.setString(1, sink);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failure("read the lag of sink " + sink, e);
        }
    }

    @Override
    public List<DeadLetter> deadLetters(String sink, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select sink, seq, reason, parked_at from event_sink_dead_letter where sink = ? order by id limit ?")) {
            s.setString(1, sink);
            s.setInt(2, limit);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new DeadLetter(r.getString(1), r.getLong(2), r.getString(3), r.getTimestamp(4).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the dead letters of sink " + sink, e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write the event sinks' state", e);
        }
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
