package online.hypermesh.trustchain.ca.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.NameScope;

/**
 * Which scopes ({@code directory_scope}, V28) and roles ({@code directory_role}, V32) of which
 * account the directory granted. Joins the caller's transaction: the grants change in the same
 * commit as the account's scopes and roles and the audit event, so a crash leaves both as before
 * or both as after.
 */
@Stateless
@LocalBean
public class DirectoryGrantStore {

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    public List<NameScope> granted(long accountId) {
        List<NameScope> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select kind, value, subdomains, wildcard from directory_scope where account_id = ? order by kind, value")) {
            s.setLong(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(switch (rs.getString(1)) {
                        case "dns" -> NameScope.dns(rs.getString(2), rs.getBoolean(3), rs.getBoolean(4));
                        case "ip" -> NameScope.ip(rs.getString(2));
                        default -> NameScope.uri(rs.getString(2));
                    });
                }
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the directory's grants", e);
        }
        return out;
    }

    /** The accounts that hold any grant now (a refresh looks at them too: they may have left every group). */
    public List<Long> accountsWithGrants() {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select account_id from directory_scope union select account_id from directory_role");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the directory's grants", e);
        }
        return out;
    }

    public void replace(long accountId, List<NameScope> scopes, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement d = c.prepareStatement("delete from directory_scope where account_id = ?")) {
                d.setLong(1, accountId);
                d.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into directory_scope (account_id, kind, value, subdomains, wildcard, synced_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                for (NameScope scope : scopes) {
                    s.setLong(1, accountId);
                    s.setString(2, scope.type());
                    s.setString(3, scope.value());
                    s.setBoolean(4, scope instanceof NameScope.Dns dns && dns.subdomains());
                    s.setBoolean(5, scope instanceof NameScope.Dns dns && dns.wildcard());
                    s.setTimestamp(6, Timestamp.from(now));
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the directory's grants", e);
        }
    }

    /** The roles the directory added to the account (lower-case names). */
    public List<String> grantedRoles(long accountId) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select role from directory_role where account_id = ? order by role")) {
            s.setLong(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the directory's role grants", e);
        }
        return out;
    }

    public void replaceRoles(long accountId, List<String> roles, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement d = c.prepareStatement("delete from directory_role where account_id = ?")) {
                d.setLong(1, accountId);
                d.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into directory_role (account_id, role, synced_at) values (?, ?, ?) on conflict do nothing")) {
                for (String role : roles) {
                    s.setLong(1, accountId);
                    s.setString(2, role);
                    s.setTimestamp(3, Timestamp.from(now));
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the directory's role grants", e);
        }
    }
}
