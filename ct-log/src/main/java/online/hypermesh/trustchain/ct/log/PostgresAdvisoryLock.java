package online.hypermesh.trustchain.ct.log;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Leadership through a session-level PostgreSQL advisory lock held on a dedicated connection
 * (from {@link LockSessions}, not from a pool): PostgreSQL grants it to one session at a time and
 * releases it when that session ends, so a crashed or partitioned node loses the lead by itself.
 * {@link #isHeld()} checks that the session is alive and still holds the lock (every time the
 * sequencer is about to write); on any doubt the connection is closed, which ends the session and
 * so releases the lock in PostgreSQL, and the sequencer campaigns again with a new session.
 * A fenced write can still fail (the sequencer's compare-and-set on the tree size), so losing the
 * lock between check and commit cannot fork the tree. Synchronized, because the sequencer's thread
 * and {@link #close()} at shutdown may use the one connection.
 */
public final class PostgresAdvisoryLock implements LeaderElection {
    private static final Logger LOG = System.getLogger(PostgresAdvisoryLock.class.getName());
    private static final int CHECK_TIMEOUT_SECONDS = 2;
    /** A check on a dead network must not hang the sequencer: the socket gives up after this. */
    private static final int NETWORK_TIMEOUT_MILLIS = 10_000;

    private final LockSessions sessions;
    private final long key;
    private Connection connection;
    /** Whether the last campaign could not reach the database: log that once, not every retry. */
    private boolean unreachable;

    /** @param key the lock's 64-bit key; derive it from the LogID so that each log has its own */
    public PostgresAdvisoryLock(LockSessions sessions, long key) {
        this.sessions = sessions;
        this.key = key;
    }

    /** A lock key for a log: the first eight bytes of its LogID. */
    public static long keyFor(byte[] logId) {
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (logId[i] & 0xff);
        }
        return k;
    }

    @Override
    public synchronized boolean tryAcquire() {
        if (connection != null) {
            return isHeld();
        }
        Connection c = null;
        try {
            c = sessions.open();
            c.setAutoCommit(true);
            c.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
            boolean granted;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    granted = rs.next() && rs.getBoolean(1);
                }
            }
            if (unreachable) {
                LOG.log(Level.INFO, "the database answers the CT log's leader campaign again");
                unreachable = false;
            }
            if (granted) {
                connection = c;
                return true;
            }
            c.close();
            return false;
        } catch (SQLException | RuntimeException e) {
            if (!unreachable) {
                LOG.log(Level.WARNING, "cannot campaign for the lead of the CT log (retrying quietly until the database answers): {0}",
                        e.getMessage());
                unreachable = true;
            }
            closeQuietly(c);
            return false;
        }
    }

    @Override
    public synchronized boolean isHeld() {
        if (connection == null) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()"
                        + " AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
            ps.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
            // A bigint key is stored as (classid = high 32 bits, objid = low 32 bits, objsubid = 1).
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) == 1) {
                    return true;
                }
            }
            LOG.log(Level.WARNING, "the lock session of the CT log no longer holds the lock");
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "the lock session of the CT log failed: {0}", e.getMessage());
        }
        // Ending the session is what releases the lock in PostgreSQL if it still has it (say the
        // check only timed out): a new campaign then starts from a clean slate.
        closeQuietly(connection);
        connection = null;
        return false;
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + key + ")");
        } catch (SQLException e) {
            // Closing the session below releases the lock anyway.
        }
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // nothing left to release
        }
    }
}
