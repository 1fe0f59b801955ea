package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.IssuanceSwitch;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitchRepository;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The one-row issuance_control table (V4 schema). */
@ApplicationScoped
public class JdbcIssuanceSwitchRepository implements IssuanceSwitchRepository {
    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public IssuanceSwitch current() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select enabled, reason, changed_by, changed_at from issuance_control");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw TrustChainException.internal("issuance_control has no row; the V4 migration did not run", null);
            }
            return new IssuanceSwitch(rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the issuance switch", e);
        }
    }

    @Override
    public void set(IssuanceSwitch value) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update issuance_control set enabled = ?, reason = ?, changed_by = ?, changed_at = ?")) {
            s.setBoolean(1, value.enabled());
            s.setString(2, value.reason());
            s.setString(3, value.changedBy());
            s.setTimestamp(4, Timestamp.from(value.changedAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot change the issuance switch", e);
        }
    }
}
