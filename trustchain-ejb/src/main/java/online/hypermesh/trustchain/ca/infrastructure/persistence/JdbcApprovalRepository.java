package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.Approval;
import online.hypermesh.trustchain.ca.domain.ApprovalAction;
import online.hypermesh.trustchain.ca.domain.ApprovalRepository;
import online.hypermesh.trustchain.ca.domain.ApprovalStatus;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The approval table (V36) on the transaction's connection; request and result are jsonb. */
@ApplicationScoped
public class JdbcApprovalRepository implements ApprovalRepository {
    private static final String COLUMNS = "id, action, status, requested_by, requested_roles, requested_at, summary, request::text,"
            + " decided_by, decided_at, reason, result::text";
    private static final String INSERT = "insert into approval (action, status, requested_by, requested_roles, requested_at, summary, request)"
            + " values (?, 'pending', ?, ?, ?, ?, cast(? as jsonb)) returning id";
    // The status condition makes the decision once-only even without the row lock: a second
    // decision updates nothing and learns so from the count.
    private static final String DECIDE = "update approval set status = ?, decided_by = ?, decided_at = ?, reason = ?, result = cast(? as jsonb)"
            + " where id = ? and status = 'pending'";
    private static final String COMPLETE = "update approval set status = ?, reason = coalesce(?, reason), result = cast(? as jsonb) where id = ?";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public Approval insert(Approval pending) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, pending.action().apiName());
            s.setString(2, pending.requestedBy());
            s.setString(3, String.join(",", pending.requestedRoles().stream().sorted().toList()));
            s.setTimestamp(4, Timestamp.from(pending.requestedAt()));
            s.setString(5, pending.summary());
            s.setString(6, JsonDocuments.write(pending.request()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return new Approval(id, pending.action(), ApprovalStatus.PENDING, pending.requestedBy(), pending.requestedRoles(),
                        pending.requestedAt(), pending.summary(), pending.request(), null, null, null, null);
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the approval request", e);
        }
    }

    @Override
    public Optional<Approval> find(long id) {
        return one("select " + COLUMNS + " from approval where id = ?", id);
    }

    @Override
    public Optional<Approval> findForUpdate(long id) {
        return one("select " + COLUMNS + " from approval where id = ? for update", id);
    }

    @Override
    public List<Approval> list(ApprovalStatus status, int limit) {
        String sql = "select " + COLUMNS + " from approval" + (status == null ? "" : " where status = ?") + " order by id desc limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (status != null) {
                s.setString(i++, status.apiName());
            }
            s.setInt(i, limit);
            List<Approval> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(approval(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read approvals", e);
        }
    }

    @Override
    public boolean decide(long id, ApprovalStatus status, String decidedBy, Instant decidedAt, String reason, Map<String, Object> result) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(DECIDE)) {
            s.setString(1, status.apiName());
            s.setString(2, decidedBy);
            s.setTimestamp(3, Timestamp.from(decidedAt));
            s.setString(4, reason);
            s.setString(5, JsonDocuments.write(result));
            s.setLong(6, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot record the decision on approval " + id, e);
        }
    }

    @Override
    public void complete(long id, ApprovalStatus status, String reason, Map<String, Object> result) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COMPLETE)) {
            s.setString(1, status.apiName());
            s.setString(2, reason);
            s.setString(3, JsonDocuments.write(result));
            s.setLong(4, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot record the outcome of approval " + id, e);
        }
    }

    private Optional<Approval> one(String sql, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(approval(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read approval " + id, e);
        }
    }

    private static Approval approval(ResultSet rs) throws SQLException {
        String roles = rs.getString(5);
        Set<String> roleSet = roles.isEmpty() ? Set.of() : Arrays.stream(roles.split(",")).collect(Collectors.toSet());
        Timestamp decidedAt = rs.getTimestamp(10);
        return new Approval(rs.getLong(1), ApprovalAction.fromApiName(rs.getString(2)), ApprovalStatus.fromApiName(rs.getString(3)),
                rs.getString(4), roleSet, rs.getTimestamp(6).toInstant(), rs.getString(7), JsonDocuments.read(rs.getString(8)),
                rs.getString(9), decidedAt == null ? null : decidedAt.toInstant(), rs.getString(11), JsonDocuments.read(rs.getString(12)));
    }
}
