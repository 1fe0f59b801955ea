package online.hypermesh.trustchain.ct.log;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the one database session that holds the log's leadership lock. It must be a physical
 * connection of its own, never one lent by a pool: closing a pooled connection only returns it,
 * still holding the session-level lock, so nobody (this node included) could lead again.
 */
@FunctionalInterface
public interface LockSessions {

    /** A new connection of its own; {@link Connection#close()} must end the database session. */
    Connection open() throws SQLException;
}
