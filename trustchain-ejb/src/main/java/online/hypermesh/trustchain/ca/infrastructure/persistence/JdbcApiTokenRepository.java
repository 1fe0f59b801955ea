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
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** api_token on the transaction's connection. */
@ApplicationScoped
public class JdbcApiTokenRepository implements ApiTokenRepository {
    private static final String COLUMNS = "id, account_id, name, created_at, expires_at, revoked_at";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public Optional<TokenHolder> findActiveByHash(byte[] sha256, Instant now) {
        String sql = "select a.name, a.roles, a.allowed_networks from api_token t join account a on a.id = t.account_id"
                + " where t.token_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > ?) and a.enabled";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, sha256);
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TokenHolder(r.getString(1), Arrays.asList((String[]) r.getArray(2).getArray()),
                        Arrays.asList((String[]) r.getArray(3).getArray())));
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot look up a bearer token", e);
        }
    }

    @Override
    public StoredToken add(long accountId, String name, byte[] sha256, Instant createdAt, Instant expiresAt) {
        String sql = "insert into api_token (account_id, name, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?)"
                + " on conflict do nothing returning id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, accountId);
            s.setString(2, name);
            s.setBytes(3, sha256);
            s.setTimestamp(4, Timestamp.from(createdAt));
            s.setTimestamp(5, expiresAt == null ? null : Timestamp.from(expiresAt));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new TrustChainException(ErrorKind.CONFLICT, "the account already has a token named '" + name
                            + "'; choose another name or revoke that one first (names stay taken after revocation)");
                }
                return new StoredToken(r.getLong(1), accountId, name, createdAt, expiresAt, null);
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store a bearer token", e);
        }
    }

    @Override
    public List<StoredToken> list(long accountId) {
        String sql = "select " + COLUMNS + " from api_token where account_id = ? order by id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, accountId);
            List<StoredToken> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(token(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot list bearer tokens", e);
        }
    }

    @Override
    public Optional<StoredToken> find(long accountId, long tokenId) {
        String sql = "select " + COLUMNS + " from api_token where account_id = ? and id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, accountId);
            s.setLong(2, tokenId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(token(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read a bearer token", e);
        }
    }

    @Override
    public boolean revoke(long tokenId, Instant at, String by) {
        String sql = "update api_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, by);
            s.setLong(3, tokenId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot revoke a bearer token", e);
        }
    }

    private static StoredToken token(ResultSet r) throws SQLException {
        return new StoredToken(r.getLong(1), r.getLong(2), r.getString(3), instant(r.getTimestamp(4)),
                instant(r.getTimestamp(5)), instant(r.getTimestamp(6)));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
