package online.hypermesh.trustchain.ca.ct;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import online.hypermesh.trustchain.ct.log.LogUnavailableException;

/**
 * Where the log's sequencer runs, in {@code ct_log_leader} (migration V7): the leading node
 * writes the URL of its CT listener, the others read it to forward submissions. Plain local
 * transactions on connections taken outside JTA, like the sequencer's own.
 */
final class LeaderDirectory {
    private static final String ADVERTISE = """
            insert into ct_log_leader (log_id, url, node_name, since) values (?, ?, ?, now())
            on conflict (log_id) do update set url = excluded.url, node_name = excluded.node_name, since = excluded.since
            where ct_log_leader.url <> excluded.url or ct_log_leader.node_name <> excluded.node_name
            """;

    private final DataSource dataSource;
    private final byte[] logId;

    LeaderDirectory(DataSource dataSource, byte[] logId) {
        this.dataSource = dataSource;
        this.logId = logId.clone();
    }

    /** Records this node as the leader at {@code url}; a no-op when the row already says so. */
    void advertise(String url, String nodeName) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ADVERTISE)) {
            s.setBytes(1, logId);
            s.setString(2, url);
            s.setString(3, nodeName);
            s.executeUpdate();
        }
    }

    /** The URL the leader advertised, if any node ever led. */
    Optional<String> leaderUrl() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select url from ct_log_leader where log_id = ?")) {
            s.setBytes(1, logId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot look up the node that sequences the CT log: " + e.getMessage());
        }
    }
}
