package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * One prepared statement on the JTA data source (so on the caller's transaction, when there is
 * one), its SQLException turned into INTERNAL saying what could not be done; and the reading of
 * its rows. Shared by the repositories that write their SQL by hand.
 */
final class JdbcStatements {
    /** A statement's parameters and its effect. */
    interface Statement<T> {
        T run(PreparedStatement s) throws SQLException;
    }

    /** One row as a value. */
    interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private JdbcStatements() {
    }

    /** @param what for the error: "cannot " + what */
    static <T> T run(DataSource dataSource, String what, String sql, Statement<T> work) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            return work.run(s);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot " + what, e);
        }
    }

    static <T> List<T> all(PreparedStatement s, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(row.read(r));
            }
        }
        return out;
    }

    static <T> Optional<T> one(PreparedStatement s, Row<T> row) throws SQLException {
        List<T> found = all(s, row);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Sets a certificate_request row's columns from {@code r}, in their order (csr, profile,
     * requested_validity_hours, region, requested_by, received_at), as the parameters after
     * {@code i}; returns the index of the last one set.
     */
    static int setRequest(PreparedStatement s, int i, online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord r) throws SQLException {
        s.setBytes(++i, r.csr());
        s.setString(++i, r.profile());
        if (r.requestedValidityHours() == null) {
            s.setNull(++i, java.sql.Types.INTEGER);
        } else {
            s.setInt(++i, r.requestedValidityHours());
        }
        s.setString(++i, r.region());
        s.setString(++i, r.requestedBy());
        s.setTimestamp(++i, java.sql.Timestamp.from(r.receivedAt()));
        return i;
    }
}
