package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.ScepRepository;

/** The scep_* tables on the transaction's connection. */
@ApplicationScoped
public class JdbcScepRepository implements ScepRepository {
    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    private <T> T sql(String what, String sql, JdbcStatements.Statement<T> work) {
        return JdbcStatements.run(dataSource, what, sql, work);
    }

    @Override
    public void addChallenge(byte[] passwordSha256, long accountId, String createdBy, Instant createdAt, Instant expiresAt) {
        sql("store a SCEP challenge", "insert into scep_challenge (password_sha256, account_id, created_by, created_at, expires_at)"
                + " values (?, ?, ?, ?, ?)", s -> {
            s.setBytes(1, passwordSha256);
            s.setLong(2, accountId);
            s.setString(3, createdBy);
            s.setTimestamp(4, Timestamp.from(createdAt));
            s.setTimestamp(5, Timestamp.from(expiresAt));
            return s.executeUpdate();
        });
    }

    @Override
    public Optional<Challenge> findChallenge(byte[] passwordSha256) {
        return sql("read a SCEP challenge", "select c.id, c.account_id, a.name, c.expires_at, c.used_at, c.used_serial"
                + " from scep_challenge c join account a on a.id = c.account_id where c.password_sha256 = ?", s -> {
            s.setBytes(1, passwordSha256);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Challenge(r.getLong(1), r.getLong(2), r.getString(3), r.getTimestamp(4).toInstant(),
                        r.getTimestamp(5) == null ? null : r.getTimestamp(5).toInstant(), r.getString(6)));
            }
        });
    }

    @Override
    public boolean useChallenge(long id, String serial, Instant now) {
        return sql("use a SCEP challenge", "update scep_challenge set used_at = coalesce(used_at, ?), used_serial = ?"
                + " where id = ? and ((used_at is null and expires_at > ?) or used_serial = ?)", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, serial);
            s.setLong(3, id);
            s.setTimestamp(4, Timestamp.from(now));
            s.setString(5, serial);
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public void addRaCertificate(RaCertificate c) {
        sql("store a SCEP RA certificate", "insert into scep_ra (key_alias, authority_id, certificate, not_before, not_after) values (?, ?, ?, ?, ?)", s -> {
            s.setString(1, c.keyAlias());
            s.setString(2, c.authorityId());
            s.setBytes(3, c.certificate());
            s.setTimestamp(4, Timestamp.from(c.notBefore()));
            s.setTimestamp(5, Timestamp.from(c.notAfter()));
            return s.executeUpdate();
        });
    }

    @Override
    public List<RaCertificate> raCertificates(Instant now) {
        return sql("read the SCEP RA certificates", "select key_alias, authority_id, certificate, not_before, not_after from scep_ra"
                + " where not_after > ? order by not_before desc", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            List<RaCertificate> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RaCertificate(r.getString(1), r.getString(2), r.getBytes(3), r.getTimestamp(4).toInstant(),
                            r.getTimestamp(5).toInstant()));
                }
            }
            return out;
        });
    }

    @Override
    public void recordTransaction(String transactionId, String serial, Instant now) {
        sql("record a SCEP transaction", "insert into scep_transaction (transaction_id, certificate_serial, updated_at) values (?, ?, ?)"
                + " on conflict (transaction_id) do update set certificate_serial = excluded.certificate_serial, updated_at = excluded.updated_at", s -> {
            s.setString(1, transactionId);
            s.setString(2, serial);
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate();
        });
    }

    @Override
    public Optional<String> transactionSerial(String transactionId) {
        return sql("read a SCEP transaction", "select certificate_serial from scep_transaction where transaction_id = ?", s -> {
            s.setString(1, transactionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        });
    }
}
