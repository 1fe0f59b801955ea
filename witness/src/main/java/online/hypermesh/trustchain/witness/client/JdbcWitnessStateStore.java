package online.hypermesh.trustchain.witness.client;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

/**
 * {@link WitnessStateStore} on the {@code ct_witness} table (V12), one row per log and witness.
 * Each write is one auto-committed upsert. An acknowledged size only grows: a late answer from
 * an older round never moves it back, unless the witness itself names a smaller size in a 409
 * (a witness restored from a backup), which {@link #acknowledged(String, long)} records as told.
 */
public final class JdbcWitnessStateStore implements WitnessStateStore {
    private final DataSource dataSource;
    private final byte[] logId;

    public JdbcWitnessStateStore(DataSource dataSource, byte[] logId) {
        this.dataSource = dataSource;
        this.logId = logId.clone();
    }

    @Override
    public Map<String, Long> acknowledged() {
        Map<String, Long> out = new LinkedHashMap<>();
        query("SELECT witness_name, acknowledged_size FROM ct_witness WHERE log_id = ? ORDER BY witness_name",
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    @Override
    public void acknowledged(String witness, long size) {
        update("INSERT INTO ct_witness (log_id, witness_name, acknowledged_size) VALUES (?, ?, ?) "
                + "ON CONFLICT (log_id, witness_name) DO UPDATE SET acknowledged_size = EXCLUDED.acknowledged_size, updated_at = now()",
                ps -> {
                    ps.setBytes(1, logId);
                    ps.setString(2, witness);
                    ps.setLong(3, size);
                });
    }

    @Override
    public void cosigned(String witness, WitnessCosignature c) {
        update("INSERT INTO ct_witness (log_id, witness_name, acknowledged_size, cosigned_size, cosigned_root, cosignature, cosigned_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (log_id, witness_name) DO UPDATE SET "
                + "acknowledged_size = GREATEST(ct_witness.acknowledged_size, EXCLUDED.acknowledged_size), "
                + "cosigned_size = EXCLUDED.cosigned_size, cosigned_root = EXCLUDED.cosigned_root, cosignature = EXCLUDED.cosignature, "
                + "cosigned_at = EXCLUDED.cosigned_at, updated_at = now() "
                + "WHERE ct_witness.cosigned_size IS NULL OR ct_witness.cosigned_size <= EXCLUDED.cosigned_size",
                ps -> {
                    ps.setBytes(1, logId);
                    ps.setString(2, witness);
                    ps.setLong(3, c.size());
                    ps.setLong(4, c.size());
                    ps.setBytes(5, c.rootHash());
                    ps.setString(6, c.line());
                    ps.setTimestamp(7, Timestamp.from(c.timestamp()));
                });
    }

    @Override
    public Map<String, WitnessCosignature> latestCosignatures() {
        Map<String, WitnessCosignature> out = new LinkedHashMap<>();
        query("SELECT witness_name, cosigned_size, cosigned_root, cosignature, cosigned_at FROM ct_witness "
                        + "WHERE log_id = ? AND cosigned_size IS NOT NULL ORDER BY witness_name",
                rs -> out.put(rs.getString(1), new WitnessCosignature(rs.getLong(2), rs.getBytes(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())));
        return out;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record witness state: " + e.getMessage(), e);
        }
    }

    private void query(String sql, Row row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, logId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read witness state: " + e.getMessage(), e);
        }
    }
}
