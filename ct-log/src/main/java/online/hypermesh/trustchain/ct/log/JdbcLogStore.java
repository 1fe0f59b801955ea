package online.hypermesh.trustchain.ct.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import online.hypermesh.trustchain.ct.merkle.NodeId;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;

/**
 * {@link LogStore} and {@link LogReadStore} on the PostgreSQL tables of migration V6
 * ({@code ct_log_state}, {@code ct_entry}, {@code ct_node}, {@code ct_issuer}). A batch is written
 * in one transaction whose first statement is the compare-and-set of the tree size in
 * {@code ct_log_state}; that row lock also serialises two writers. Bulk inserts go through
 * {@code unnest} of arrays, one statement per table, so a batch costs a handful of round trips
 * whatever its size. Thread-safe: each call takes its own connection.
 */
public final class JdbcLogStore implements LogStore, LogReadStore {
    private final DataSource dataSource;

    public JdbcLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<SignedTreeHead> latestTreeHead(byte[] logId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT tree_size, sth_timestamp, root_hash, sth_signature FROM ct_log_state WHERE log_id = ?")) {
            ps.setBytes(1, logId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SignedTreeHead(rs.getLong(1), rs.getLong(2), rs.getBytes(3), DigitallySigned.decode(rs.getBytes(4))));
            }
        } catch (SQLException e) {
            throw failure("read the tree head", e);
        }
    }

    @Override
    public void initialize(byte[] logId, SignedTreeHead emptyHead) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement other = c.prepareStatement("SELECT 1 FROM ct_log_state WHERE log_id <> ?")) {
                other.setBytes(1, logId);
                try (ResultSet rs = other.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalStateException("this database holds a CT log with another key; the log key must not change");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ct_log_state (log_id, tree_size, sth_timestamp, root_hash, sth_signature) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")) {
                ps.setBytes(1, logId);
                ps.setLong(2, emptyHead.treeSize());
                ps.setLong(3, emptyHead.timestamp());
                ps.setBytes(4, emptyHead.rootHash());
                ps.setBytes(5, emptyHead.signature().encode());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure("initialise the log state", e);
        }
    }

    @Override
    public Map<String, StoredSct> findByIdentity(Collection<byte[]> identityHashes) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT identity_hash, leaf_index, sct FROM ct_entry WHERE identity_hash = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bytea", identityHashes.toArray(new byte[0][])));
            Map<String, StoredSct> found = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(HexFormat.of().formatHex(rs.getBytes(1)), new StoredSct(rs.getLong(2), rs.getBytes(3)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure("look up submitted entries", e);
        }
    }

    @Override
    public void append(byte[] logId, long expectedSize, Batch batch) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                advanceHead(c, logId, expectedSize, batch.treeHead());
                insertEntries(c, batch.entries());
                insertNodes(c, batch.nodes());
                insertIssuers(c, batch.issuers());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("commit a batch of " + batch.entries().size() + " entries", e);
        }
    }

    private static void advanceHead(Connection c, byte[] logId, long expectedSize, SignedTreeHead head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE ct_log_state SET tree_size = ?, sth_timestamp = ?, root_hash = ?, sth_signature = ?, updated_at = now()"
                        + " WHERE log_id = ? AND tree_size = ?")) {
            ps.setLong(1, head.treeSize());
            ps.setLong(2, head.timestamp());
            ps.setBytes(3, head.rootHash());
            ps.setBytes(4, head.signature().encode());
            ps.setBytes(5, logId);
            ps.setLong(6, expectedSize);
            if (ps.executeUpdate() != 1) {
                throw new ForkRefusedException("the stored tree is no longer of size " + expectedSize + "; another sequencer appended to it");
            }
        }
    }

    private static void insertEntries(Connection c, List<SequencedEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        Long[] index = new Long[n];
        Long[] timestamp = new Long[n];
        byte[][] identity = new byte[n][];
        byte[][] leafHash = new byte[n][];
        byte[][] leafInput = new byte[n][];
        byte[][] extraData = new byte[n][];
        byte[][] tileLeaf = new byte[n][];
        byte[][] sct = new byte[n][];
        for (int i = 0; i < n; i++) {
            SequencedEntry e = entries.get(i);
            index[i] = e.leafIndex();
            timestamp[i] = e.timestamp();
            identity[i] = e.identityHash();
            leafHash[i] = e.leafHash();
            leafInput[i] = e.leafInput();
            extraData[i] = e.extraData();
            tileLeaf[i] = e.tileLeaf();
            sct[i] = e.sct();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ct_entry (leaf_index, entry_timestamp, identity_hash, leaf_hash, leaf_input, extra_data, tile_leaf, sct)"
                        + " SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bytea[], ?::bytea[], ?::bytea[], ?::bytea[], ?::bytea[], ?::bytea[])")) {
            ps.setArray(1, c.createArrayOf("bigint", index));
            ps.setArray(2, c.createArrayOf("bigint", timestamp));
            ps.setArray(3, c.createArrayOf("bytea", identity));
            ps.setArray(4, c.createArrayOf("bytea", leafHash));
            ps.setArray(5, c.createArrayOf("bytea", leafInput));
            ps.setArray(6, c.createArrayOf("bytea", extraData));
            ps.setArray(7, c.createArrayOf("bytea", tileLeaf));
            ps.setArray(8, c.createArrayOf("bytea", sct));
            ps.executeUpdate();
        }
    }

    private static void insertNodes(Connection c, Map<NodeId, byte[]> nodes) throws SQLException {
        if (nodes.isEmpty()) {
            return;
        }
        int n = nodes.size();
        Integer[] level = new Integer[n];
        Long[] index = new Long[n];
        byte[][] hash = new byte[n][];
        int i = 0;
        for (Map.Entry<NodeId, byte[]> e : nodes.entrySet()) {
            level[i] = e.getKey().level();
            index[i] = e.getKey().index();
            hash[i] = e.getValue();
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ct_node (level, node_index, hash) SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])")) {
            ps.setArray(1, c.createArrayOf("smallint", level));
            ps.setArray(2, c.createArrayOf("bigint", index));
            ps.setArray(3, c.createArrayOf("bytea", hash));
            ps.executeUpdate();
        }
    }

    private static void insertIssuers(Connection c, Map<String, byte[]> issuers) throws SQLException {
        if (issuers.isEmpty()) {
            return;
        }
        byte[][] fingerprint = new byte[issuers.size()][];
        byte[][] der = new byte[issuers.size()][];
        int i = 0;
        for (Map.Entry<String, byte[]> e : issuers.entrySet()) {
            fingerprint[i] = HexFormat.of().parseHex(e.getKey());
            der[i] = e.getValue();
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ct_issuer (fingerprint, certificate) SELECT * FROM unnest(?::bytea[], ?::bytea[]) ON CONFLICT DO NOTHING")) {
            ps.setArray(1, c.createArrayOf("bytea", fingerprint));
            ps.setArray(2, c.createArrayOf("bytea", der));
            ps.executeUpdate();
        }
    }

    @Override
    public List<byte[]> nodeHashes(List<NodeId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Integer[] level = new Integer[ids.size()];
        Long[] index = new Long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            level[i] = ids.get(i).level();
            index[i] = ids.get(i).index();
        }
        Map<NodeId, byte[]> found = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT n.level, n.node_index, n.hash FROM ct_node n"
                             + " JOIN unnest(?::smallint[], ?::bigint[]) AS want(level, node_index)"
                             + " ON n.level = want.level AND n.node_index = want.node_index")) {
            ps.setArray(1, c.createArrayOf("smallint", level));
            ps.setArray(2, c.createArrayOf("bigint", index));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(new NodeId(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                }
            }
        } catch (SQLException e) {
            throw failure("read tree nodes", e);
        }
        List<byte[]> out = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            byte[] hash = found.get(id);
            if (hash == null) {
                throw new IllegalStateException("tree node " + id + " is missing from ct_node");
            }
            out.add(hash);
        }
        return out;
    }

    @Override
    public OptionalLong leafIndexByHash(byte[] leafHash, long treeSize) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT min(leaf_index) FROM ct_entry WHERE leaf_hash = ? AND leaf_index < ?")) {
            ps.setBytes(1, leafHash);
            ps.setLong(2, treeSize);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long index = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(index);
            }
        } catch (SQLException e) {
            throw failure("look up a leaf hash", e);
        }
    }

    @Override
    public List<StoredEntry> entries(long start, long end) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT leaf_index, leaf_input, extra_data, tile_leaf FROM ct_entry"
                             + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index")) {
            ps.setLong(1, start);
            ps.setLong(2, end);
            List<StoredEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEntry(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)));
                }
            }
            if (out.size() != end - start) {
                throw new IllegalStateException("entries " + start + ".." + end + " are not all stored");
            }
            return out;
        } catch (SQLException e) {
            throw failure("read entries", e);
        }
    }

    @Override
    public List<byte[]> levelHashes(int level, long first, int count) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT hash FROM ct_node WHERE level = ? AND node_index >= ? AND node_index < ? ORDER BY node_index")) {
            ps.setInt(1, level);
            ps.setLong(2, first);
            ps.setLong(3, first + count);
            List<byte[]> out = new ArrayList<>(count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBytes(1));
                }
            }
            if (out.size() != count) {
                throw new IllegalStateException("tree level " + level + " lacks nodes " + first + ".." + (first + count));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read a tile", e);
        }
    }

    @Override
    public Optional<byte[]> issuer(byte[] fingerprint) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT certificate FROM ct_issuer WHERE fingerprint = ?")) {
            ps.setBytes(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read an issuer", e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is broken; the transaction is gone with it
        }
    }

    private static LogUnavailableException failure(String what, SQLException e) {
        return new LogUnavailableException("the CT log database failed to " + what + ": " + e.getMessage(), e);
    }
}
