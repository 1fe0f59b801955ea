package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.CmpRepository;

/** The cmp_* tables on the transaction's connection. */
@ApplicationScoped
public class JdbcCmpRepository implements CmpRepository {
    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    private <T> T sql(String what, String sql, JdbcStatements.Statement<T> work) {
        return JdbcStatements.run(dataSource, what, sql, work);
    }

    @Override
    public void addSecret(String reference, long accountId, byte[] secret, String createdBy, Instant now) {
        sql("store a CMP secret", "insert into cmp_secret (reference, account_id, secret, created_at, created_by) values (?, ?, ?, ?, ?)", s -> {
            s.setString(1, reference);
            s.setLong(2, accountId);
            s.setBytes(3, secret);
            s.setTimestamp(4, Timestamp.from(now));
            s.setString(5, createdBy);
            return s.executeUpdate();
        });
    }

    @Override
    public Optional<CertificateHolder> holderOf(String serialHex, byte[] der) {
        return sql("read who holds a certificate", "select c.serial_number, a.id, a.name, c.status, c.not_before, c.not_after"
                + " from certificate c join certificate_request r on r.id = c.request_id join account a on a.name = r.requested_by"
                + " where c.serial_number = ? and c.der = ?", s -> {
            s.setString(1, serialHex);
            s.setBytes(2, der);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new CertificateHolder(r.getString(1), r.getLong(2), r.getString(3), r.getString(4),
                        r.getTimestamp(5).toInstant(), r.getTimestamp(6).toInstant())) : Optional.empty();
            }
        });
    }

    @Override
    public void addProtectionCertificate(ProtectionCertificate c) {
        sql("store a CMP protection certificate", "insert into cmp_protection_certificate (key_alias, authority_id, certificate, not_before,"
                + " not_after) values (?, ?, ?, ?, ?)", s -> {
            s.setString(1, c.keyAlias());
            s.setString(2, c.authorityId());
            s.setBytes(3, c.certificate());
            s.setTimestamp(4, Timestamp.from(c.notBefore()));
            s.setTimestamp(5, Timestamp.from(c.notAfter()));
            return s.executeUpdate();
        });
    }

    @Override
    public Optional<ProtectionCertificate> newestProtectionCertificate(String authorityId, Instant now) {
        return sql("read the CMP protection certificate", "select key_alias, authority_id, certificate, not_before, not_after"
                + " from cmp_protection_certificate where authority_id = ? and not_before <= ? and not_after > ? order by not_after desc limit 1", s -> {
            s.setString(1, authorityId);
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new ProtectionCertificate(r.getString(1), r.getString(2), r.getBytes(3),
                        r.getTimestamp(4).toInstant(), r.getTimestamp(5).toInstant())) : Optional.empty();
            }
        });
    }

    @Override
    public Optional<Secret> findSecret(String reference) {
        return sql("read a CMP secret", "select s.reference, s.account_id, a.name, s.secret from cmp_secret s join account a on a.id = s.account_id"
                + " where s.reference = ?", s -> {
            s.setString(1, reference);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Secret(r.getString(1), r.getLong(2), r.getString(3), r.getBytes(4))) : Optional.empty();
            }
        });
    }

    @Override
    public boolean recordTransaction(String transactionId, long accountId, String state, String serialHex, long certReqId, Instant now) {
        return sql("store a CMP transaction", "insert into cmp_transaction (transaction_id, account_id, state, serial_number, cert_req_id,"
                + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (transaction_id) do nothing", s -> {
            s.setString(1, transactionId);
            s.setLong(2, accountId);
            s.setString(3, state);
            s.setString(4, serialHex);
            s.setLong(5, certReqId);
            s.setTimestamp(6, Timestamp.from(now));
            s.setTimestamp(7, Timestamp.from(now));
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<Transaction> lockTransaction(String transactionId, long accountId) {
        return sql("read a CMP transaction", "select transaction_id, account_id, state, serial_number, cert_req_id from cmp_transaction"
                + " where transaction_id = ? and account_id = ? for update", s -> {
            s.setString(1, transactionId);
            s.setLong(2, accountId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Transaction(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getLong(5)))
                        : Optional.empty();
            }
        });
    }

    @Override
    public boolean transactionExists(String transactionId) {
        return sql("read a CMP transaction", "select 1 from cmp_transaction where transaction_id = ?", s -> {
            s.setString(1, transactionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        });
    }

    @Override
    public void settleTransaction(String transactionId, String state, Instant now) {
        sql("update a CMP transaction", "update cmp_transaction set state = ?, updated_at = ? where transaction_id = ?", s -> {
            s.setString(1, state);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, transactionId);
            return s.executeUpdate();
        });
    }

    @Override
    public java.util.List<Transaction> lockWaitingBefore(Instant cutoff, int limit) {
        return sql("read waiting CMP transactions", "select transaction_id, account_id, state, serial_number, cert_req_id from cmp_transaction"
                + " where state = 'waiting' and created_at < ? order by created_at limit ? for update skip locked", s -> {
            s.setTimestamp(1, Timestamp.from(cutoff));
            s.setInt(2, limit);
            java.util.List<Transaction> out = new java.util.ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Transaction(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getLong(5)));
                }
            }
            return out;
        });
    }
}
