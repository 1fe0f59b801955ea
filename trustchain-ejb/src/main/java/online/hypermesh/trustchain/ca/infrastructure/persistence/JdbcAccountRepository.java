package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.Authorization;
import online.hypermesh.trustchain.core.policy.NameScope;

/** account and account_scope on the transaction's connection. */
@ApplicationScoped
public class JdbcAccountRepository implements AccountRepository {
    private static final String COLUMNS = "id, name, roles, profiles, regions, max_validity_hours, enabled,"
            + " default_scopes_pending, created_at, updated_at";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public Account create(String name, List<String> roles, Authorization authorization, boolean defaultScopesPending, Instant now) {
        String sql = "insert into account (name, roles, profiles, regions, max_validity_hours, default_scopes_pending, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (name) do nothing returning id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            s.setArray(2, c.createArrayOf("varchar", roles.toArray()));
            s.setArray(3, c.createArrayOf("varchar", sorted(authorization.profiles())));
            s.setArray(4, c.createArrayOf("varchar", sorted(authorization.regions())));
            s.setObject(5, authorization.maxValidityHours());
            s.setBoolean(6, defaultScopesPending);
            s.setTimestamp(7, Timestamp.from(now));
            s.setTimestamp(8, Timestamp.from(now));
            long id;
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new TrustChainException(ErrorKind.CONFLICT, "an account named '" + name + "' exists; choose another name");
                }
                id = r.getLong(1);
            }
            writeScopes(c, id, authorization.scopes());
            return new Account(id, name, roles, authorization, true, defaultScopesPending, now, now);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store account " + name, e);
        }
    }

    @Override
    public Optional<Account> find(String name) {
        return one("select " + COLUMNS + " from account where name = ?", name);
    }

    @Override
    public Optional<Account> lock(String name) {
        return one("select " + COLUMNS + " from account where name = ? for update", name);
    }

    @Override
    public List<Account> list() {
        return many("select " + COLUMNS + " from account order by name");
    }

    @Override
    public List<Account> withDefaultScopesPending() {
        return many("select " + COLUMNS + " from account where default_scopes_pending order by id");
    }

    @Override
    public void update(Account account) {
        String sql = "update account set roles = ?, profiles = ?, regions = ?, max_validity_hours = ?, enabled = ?,"
                + " default_scopes_pending = ?, updated_at = ? where id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Authorization a = account.authorization();
            s.setArray(1, c.createArrayOf("varchar", account.roles().toArray()));
            s.setArray(2, c.createArrayOf("varchar", sorted(a.profiles())));
            s.setArray(3, c.createArrayOf("varchar", sorted(a.regions())));
            s.setObject(4, a.maxValidityHours());
            s.setBoolean(5, account.enabled());
            s.setBoolean(6, account.defaultScopesPending());
            s.setTimestamp(7, Timestamp.from(account.updatedAt()));
            s.setLong(8, account.id());
            s.executeUpdate();
            try (PreparedStatement d = c.prepareStatement("delete from account_scope where account_id = ?")) {
                d.setLong(1, account.id());
                d.executeUpdate();
            }
            writeScopes(c, account.id(), a.scopes());
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot update account " + account.name(), e);
        }
    }

    @Override
    public List<String> allowedNetworks(long accountId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select allowed_networks from account where id = ?")) {
            s.setLong(1, accountId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? strings(r.getArray(1)) : List.of();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the allowlist of account " + accountId, e);
        }
    }

    @Override
    public void setAllowedNetworks(long accountId, List<String> networks, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update account set allowed_networks = ?, updated_at = ? where id = ?")) {
            s.setArray(1, c.createArrayOf("varchar", networks.toArray()));
            s.setTimestamp(2, Timestamp.from(now));
            s.setLong(3, accountId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the allowlist of account " + accountId, e);
        }
    }

    private static void writeScopes(Connection c, long accountId, List<NameScope> scopes) throws SQLException {
        if (scopes.isEmpty()) {
            return;
        }
        String sql = "insert into account_scope (account_id, position, kind, value, subdomains, wildcard) values (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int position = 0;
            for (NameScope scope : scopes) {
                s.setLong(1, accountId);
                s.setInt(2, position++);
                s.setString(3, scope.type());
                s.setString(4, scope.value());
                s.setBoolean(5, scope instanceof NameScope.Dns d && d.subdomains());
                s.setBoolean(6, scope instanceof NameScope.Dns d && d.wildcard());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private Optional<Account> one(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            List<Row> rows = rows(s);
            return rows.isEmpty() ? Optional.empty() : Optional.of(withScopes(c, rows).get(0));
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read account " + name, e);
        }
    }

    private List<Account> many(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            return withScopes(c, rows(s));
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot list accounts", e);
        }
    }

    private record Row(long id, String name, List<String> roles, List<String> profiles, List<String> regions, Integer maxValidity,
                       boolean enabled, boolean pending, Instant createdAt, Instant updatedAt) {
    }

    private static List<Row> rows(PreparedStatement s) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                int max = r.getInt(6);
                Integer maxValidity = r.wasNull() ? null : max;
                rows.add(new Row(r.getLong(1), r.getString(2), strings(r.getArray(3)), strings(r.getArray(4)), strings(r.getArray(5)),
                        maxValidity, r.getBoolean(7), r.getBoolean(8), r.getTimestamp(9).toInstant(), r.getTimestamp(10).toInstant()));
            }
        }
        return rows;
    }

    private static List<Account> withScopes(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<NameScope>> scopes = new LinkedHashMap<>();
        for (Row row : rows) {
            scopes.put(row.id, new ArrayList<>());
        }
        String sql = "select account_id, kind, value, subdomains, wildcard from account_scope where account_id = any (?) order by account_id, position";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("bigint", scopes.keySet().toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    scopes.get(r.getLong(1)).add(scope(r.getString(2), r.getString(3), r.getBoolean(4), r.getBoolean(5)));
                }
            }
        }
        List<Account> out = new ArrayList<>();
        for (Row row : rows) {
            Authorization a = new Authorization(scopes.get(row.id), new HashSet<>(row.profiles), new HashSet<>(row.regions), row.maxValidity);
            out.add(new Account(row.id, row.name, row.roles, a, row.enabled, row.pending, row.createdAt, row.updatedAt));
        }
        return out;
    }

    private static NameScope scope(String kind, String value, boolean subdomains, boolean wildcard) {
        return switch (kind) {
            case "dns" -> NameScope.dns(value, subdomains, wildcard);
            case "ip" -> NameScope.ip(value);
            case "uri" -> NameScope.uri(value);
            default -> throw new IllegalStateException("account_scope.kind '" + kind + "' is not dns, ip or uri");
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Object[] sorted(java.util.Set<String> values) {
        return values.stream().sorted().toArray();
    }
}
