package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** account_client_identity on the transaction's connection. */
@ApplicationScoped
public class JdbcClientIdentityRepository implements ClientIdentityRepository {
    private static final String COLUMNS = "id, account_id, identifier, created_at, created_by, removed_at, removed_by";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public List<BoundAccount> findLive(Collection<String> identifiers) {
        List<BoundAccount> out = new ArrayList<>();
        if (identifiers.isEmpty()) {
            return out;
        }
        String sql = "select i.identifier, i.created_at, a.name, a.roles, a.allowed_networks from account_client_identity i"
                + " join account a on a.id = i.account_id where i.identifier = any (?) and i.removed_at is null and a.enabled"
                + " order by i.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", identifiers.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new BoundAccount(r.getString(1), r.getTimestamp(2).toInstant(), r.getString(3),
                            Arrays.asList((String[]) r.getArray(4).getArray()), Arrays.asList((String[]) r.getArray(5).getArray())));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot look up a client identity", e);
        }
    }

    @Override
    public Map<String, String> owners(Collection<String> identifiers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (identifiers.isEmpty()) {
            return out;
        }
        String sql = "select i.identifier, a.name from account_client_identity i join account a on a.id = i.account_id"
                + " where i.identifier = any (?) and i.removed_at is null";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", identifiers.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot look up client identities", e);
        }
    }

    @Override
    public BoundIdentity add(long accountId, String identifier, Instant createdAt, String createdBy) {
        String sql = "insert into account_client_identity (account_id, identifier, created_at, created_by) values (?, ?, ?, ?)"
                + " on conflict do nothing returning id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, accountId);
            s.setString(2, identifier);
            s.setTimestamp(3, Timestamp.from(createdAt));
            s.setString(4, createdBy);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new TrustChainException(ErrorKind.CONFLICT, "'" + identifier + "' is already bound to an account;"
                            + " remove that binding first (DELETE /api/v1/accounts/<account>/client-identities/<id>)");
                }
                return new BoundIdentity(r.getLong(1), accountId, identifier, createdAt, createdBy, null, null);
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store a client identity", e);
        }
    }

    @Override
    public List<BoundIdentity> list(long accountId) {
        String sql = "select " + COLUMNS + " from account_client_identity where account_id = ? order by id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, accountId);
            List<BoundIdentity> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(identity(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot list client identities", e);
        }
    }

    @Override
    public Optional<BoundIdentity> find(long accountId, long bindingId) {
        String sql = "select " + COLUMNS + " from account_client_identity where account_id = ? and id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, accountId);
            s.setLong(2, bindingId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(identity(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read a client identity", e);
        }
    }

    @Override
    public boolean remove(long bindingId, Instant at, String by) {
        String sql = "update account_client_identity set removed_at = ?, removed_by = ? where id = ? and removed_at is null";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, by);
            s.setLong(3, bindingId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot remove a client identity", e);
        }
    }

    private static BoundIdentity identity(ResultSet r) throws SQLException {
        return new BoundIdentity(r.getLong(1), r.getLong(2), r.getString(3), r.getTimestamp(4).toInstant(), r.getString(5),
                JdbcApiTokenRepository.instant(r.getTimestamp(6)), r.getString(7));
    }
}
