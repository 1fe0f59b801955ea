package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.AuthorityIssuance;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitch;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitchRepository;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The one-row issuance_control table (V4) and the per-authority stop (V9). The lock that
 * serialises a change against issuing transactions is a transaction-scoped PostgreSQL advisory
 * lock (two-key form, so it shares no key with the one-key locks of bootstrap and DNS): shared
 * for issuance, exclusive for a change. A row lock ({@code for share}) would do the same, but
 * hundreds of issuing transactions sharing one row make PostgreSQL write a new multixact into
 * that row for each; advisory locks live only in memory.
 */
@ApplicationScoped
public class JdbcIssuanceSwitchRepository implements IssuanceSwitchRepository {
    /** First key of the global switch's lock; the second is 0. */
    private static final int GLOBAL_SWITCH_LOCK = 0x54435357;
    /** First key of an authority's lock; the second is hashtext(id) (a collision only serialises two authorities). */
    private static final int AUTHORITY_SWITCH_LOCK = 0x54434153;
    private static final String SWITCH = "select enabled, reason, changed_by, changed_at from issuance_control";
    private static final String AUTHORITY = "select id, status, issuance_stopped_at, issuance_stopped_by, issuance_stopped_reason"
            + " from certificate_authority where id = ?";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public IssuanceSwitch current() {
        try (Connection c = dataSource.getConnection()) {
            return readSwitch(c);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the issuance switch", e);
        }
    }

    @Override
    public IssuanceSwitch currentForIssuance() {
        try (Connection c = dataSource.getConnection()) {
            lock(c, "select pg_advisory_xact_lock_shared(?, 0)", GLOBAL_SWITCH_LOCK, null);
            return readSwitch(c);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the issuance switch", e);
        }
    }

    private static IssuanceSwitch readSwitch(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SWITCH); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw TrustChainException.internal("issuance_control has no row; the V4 migration did not run", null);
            }
            return new IssuanceSwitch(rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
        }
    }

    @Override
    public void set(IssuanceSwitch value) {
        try (Connection c = dataSource.getConnection()) {
            lock(c, "select pg_advisory_xact_lock(?, 0)", GLOBAL_SWITCH_LOCK, null);
            try (PreparedStatement s = c.prepareStatement("update issuance_control set enabled = ?, reason = ?, changed_by = ?, changed_at = ?")) {
                s.setBoolean(1, value.enabled());
                s.setString(2, value.reason());
                s.setString(3, value.changedBy());
                s.setTimestamp(4, Timestamp.from(value.changedAt()));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot change the issuance switch", e);
        }
    }

    @Override
    public Optional<AuthorityIssuance> authorityForIssuance(String authorityId) {
        try (Connection c = dataSource.getConnection()) {
            lock(c, "select pg_advisory_xact_lock_shared(?, hashtext(?))", AUTHORITY_SWITCH_LOCK, authorityId);
            return readAuthority(c, authorityId);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read whether " + authorityId + " may issue", e);
        }
    }

    @Override
    public Optional<AuthorityIssuance> authority(String authorityId) {
        try (Connection c = dataSource.getConnection()) {
            return readAuthority(c, authorityId);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read whether " + authorityId + " may issue", e);
        }
    }

    private static Optional<AuthorityIssuance> readAuthority(Connection c, String authorityId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(AUTHORITY)) {
            s.setString(1, authorityId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp stopped = rs.getTimestamp(3);
                return Optional.of(new AuthorityIssuance(rs.getString(1), AuthorityStatus.fromDb(rs.getString(2)),
                        stopped == null ? null : stopped.toInstant(), rs.getString(4), rs.getString(5)));
            }
        }
    }

    @Override
    public boolean stopAuthority(String authorityId, String by, String reason, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            lock(c, "select pg_advisory_xact_lock(?, hashtext(?))", AUTHORITY_SWITCH_LOCK, authorityId);
            try (PreparedStatement s = c.prepareStatement("update certificate_authority set issuance_stopped_at = ?,"
                    + " issuance_stopped_by = ?, issuance_stopped_reason = ? where id = ? and issuance_stopped_at is null")) {
                s.setTimestamp(1, Timestamp.from(at));
                s.setString(2, by);
                s.setString(3, reason);
                s.setString(4, authorityId);
                return s.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot stop issuance from " + authorityId, e);
        }
    }

    private static void lock(Connection c, String sql, int key, String authorityId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, key);
            if (authorityId != null) {
                s.setString(2, authorityId);
            }
            s.executeQuery().close();
        }
    }
}
