package online.hypermesh.trustchain.ca.infrastructure.persistence;

import static online.hypermesh.trustchain.ca.infrastructure.persistence.JdbcStatements.all;
import static online.hypermesh.trustchain.ca.infrastructure.persistence.JdbcStatements.one;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import java.sql.Array;
import java.sql.Types;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.AcmeRepository;

/** The acme_* tables on the transaction's connection. */
@ApplicationScoped
public class JdbcAcmeRepository implements AcmeRepository {
    private static final String ACCOUNT = "select x.id, x.thumbprint, x.jwk, x.status, x.contacts, a.name from acme_account x"
            + " left join account a on a.id = x.account_id";
    private static final String ORDER = "select id, acme_account_id, status, identifiers, expires_at, error, certificate_serial,"
            + " certificate_chain, replaces, replaces_serial from acme_order";
    private static final String AUTHORIZATION = "select z.id, z.order_id, o.acme_account_id, z.identifier, z.status, z.expires_at"
            + " from acme_authorization z join acme_order o on o.id = z.order_id";
    private static final String CHALLENGE = "select c.id, c.authorization_id, o.acme_account_id, z.identifier, c.type, c.token, c.status,"
            + " c.validated_at, c.validated_from, c.error from acme_challenge c join acme_authorization z on z.id = c.authorization_id"
            + " join acme_order o on o.id = z.order_id";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    /** One statement's parameters and its effect. */
    private <T> T sql(String what, String sql, JdbcStatements.Statement<T> work) {
        return JdbcStatements.run(dataSource, what, sql, work);
    }

    @Override
    public void addNonce(String nonce, Instant expires) {
        sql("store a nonce", "insert into acme_nonce (nonce, expires_at) values (?, ?)", s -> {
            s.setString(1, nonce);
            s.setTimestamp(2, Timestamp.from(expires));
            return s.executeUpdate();
        });
    }

    @Override
    public void commitNoncesWithoutWaitingForDisk() {
        sql("relax the nonce transaction's commit", "set local synchronous_commit = off", s -> s.execute());
    }

    @Override
    public boolean useNonce(String nonce, Instant now) {
        return sql("use a nonce", "delete from acme_nonce where nonce = ? and expires_at > ?", s -> {
            s.setString(1, nonce);
            s.setTimestamp(2, Timestamp.from(now));
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public void deleteExpiredNonces(Instant now) {
        sql("delete expired nonces", "delete from acme_nonce where expires_at <= ?", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            return s.executeUpdate();
        });
    }

    @Override
    public void addEabKey(String kid, long accountId, byte[] hmacKey, String createdBy, Instant now) {
        sql("store an EAB key", "insert into acme_eab_key (kid, account_id, hmac_key, created_at, created_by) values (?, ?, ?, ?, ?)", s -> {
            s.setString(1, kid);
            s.setLong(2, accountId);
            s.setBytes(3, hmacKey);
            s.setTimestamp(4, Timestamp.from(now));
            s.setString(5, createdBy);
            return s.executeUpdate();
        });
    }

    @Override
    public Optional<EabKey> lockEabKey(String kid) {
        return sql("read an EAB key", "select kid, account_id, hmac_key, used_at from acme_eab_key where kid = ? for update", s -> {
            s.setString(1, kid);
            return one(s, r -> new EabKey(r.getString(1), r.getLong(2), r.getBytes(3), instant(r.getTimestamp(4))));
        });
    }

    @Override
    public Optional<AcmeAccount> createAccount(String thumbprint, String jwk, List<String> contacts, Long accountId, String eabKid, Instant now) {
        Optional<Long> id = sql("store an ACME account", "insert into acme_account (thumbprint, jwk, status, contacts, account_id, eab_kid,"
                + " created_at) values (?, ?, 'valid', ?, ?, ?, ?) on conflict (thumbprint) do nothing returning id", s -> {
            s.setString(1, thumbprint);
            s.setString(2, jwk);
            s.setArray(3, s.getConnection().createArrayOf("text", contacts.toArray()));
            if (accountId == null) {
                s.setNull(4, Types.BIGINT);
            } else {
                s.setLong(4, accountId);
            }
            s.setString(5, eabKid);
            s.setTimestamp(6, Timestamp.from(now));
            return one(s, r -> r.getLong(1));
        });
        if (id.isEmpty()) {
            return Optional.empty();
        }
        if (eabKid != null) {
            sql("mark an EAB key used", "update acme_eab_key set used_at = ? where kid = ?", s -> {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, eabKid);
                return s.executeUpdate();
            });
        }
        return findAccount(id.get());
    }

    @Override
    public Optional<AcmeAccount> findAccount(long id) {
        return sql("read an ACME account", ACCOUNT + " where x.id = ?", s -> {
            s.setLong(1, id);
            return one(s, JdbcAcmeRepository::account);
        });
    }

    @Override
    public Optional<AcmeAccount> findAccountByThumbprint(String thumbprint) {
        return sql("read an ACME account", ACCOUNT + " where x.thumbprint = ?", s -> {
            s.setString(1, thumbprint);
            return one(s, JdbcAcmeRepository::account);
        });
    }

    @Override
    public void updateAccount(long id, String status, List<String> contacts) {
        sql("change an ACME account", "update acme_account set status = ?, contacts = ? where id = ?", s -> {
            s.setString(1, status);
            s.setArray(2, s.getConnection().createArrayOf("text", contacts.toArray()));
            s.setLong(3, id);
            return s.executeUpdate();
        });
    }

    @Override
    public boolean changeKey(long id, String thumbprint, String jwk) {
        return sql("change an ACME account's key", "update acme_account set thumbprint = ?, jwk = ? where id = ?"
                + " and not exists (select 1 from acme_account o where o.thumbprint = ? and o.id <> ?)", s -> {
            s.setString(1, thumbprint);
            s.setString(2, jwk);
            s.setLong(3, id);
            s.setString(4, thumbprint);
            s.setLong(5, id);
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public void createOrder(AcmeOrder order, List<AcmeAuthorization> authorizations, List<AcmeChallenge> challenges, Instant now) {
        sql("store an ACME order", "insert into acme_order (id, acme_account_id, status, identifiers, expires_at, created_at, replaces,"
                + " replaces_serial) values (?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, order.id());
            s.setLong(2, order.acmeAccountId());
            s.setString(3, order.status());
            s.setArray(4, s.getConnection().createArrayOf("text", order.identifiers().toArray()));
            s.setTimestamp(5, Timestamp.from(order.expires()));
            s.setTimestamp(6, Timestamp.from(now));
            s.setString(7, order.replaces());
            s.setString(8, order.replacesSerial());
            return s.executeUpdate();
        });
        for (AcmeAuthorization z : authorizations) {
            sql("store an ACME authorization", "insert into acme_authorization (id, order_id, identifier, status, expires_at)"
                    + " values (?, ?, ?, ?, ?)", s -> {
                s.setString(1, z.id());
                s.setString(2, z.orderId());
                s.setString(3, z.identifier());
                s.setString(4, z.status());
                s.setTimestamp(5, Timestamp.from(z.expires()));
                return s.executeUpdate();
            });
        }
        for (AcmeChallenge c : challenges) {
            sql("store an ACME challenge", "insert into acme_challenge (id, authorization_id, type, token, status) values (?, ?, ?, ?, ?)", s -> {
                s.setString(1, c.id());
                s.setString(2, c.authorizationId());
                s.setString(3, c.type());
                s.setString(4, c.token());
                s.setString(5, c.status());
                return s.executeUpdate();
            });
        }
    }

    @Override
    public Optional<AcmeOrder> findOrder(String id) {
        return sql("read an ACME order", ORDER + " where id = ?", s -> {
            s.setString(1, id);
            return one(s, JdbcAcmeRepository::order);
        });
    }

    @Override
    public void addPerspectiveResults(String challengeId, List<PerspectiveResult> results, Instant checkedAt) {
        // A challenge is validated once (start moves it from pending), so its rows are new; on conflict keeps a retry harmless.
        sql("store the perspectives of an ACME validation", "insert into acme_validation_perspective (challenge_id, perspective, valid,"
                + " validated_from, error, checked_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing", s -> {
                    for (PerspectiveResult r : results) {
                        s.setString(1, challengeId);
                        s.setString(2, r.perspective());
                        s.setBoolean(3, r.valid());
                        s.setString(4, r.validatedFrom());
                        s.setString(5, r.error());
                        s.setTimestamp(6, Timestamp.from(checkedAt));
                        s.addBatch();
                    }
                    return s.executeBatch();
                });
    }

    @Override
    public List<PerspectiveResult> perspectiveResults(String challengeId) {
        return sql("read the perspectives of an ACME validation", "select perspective, valid, validated_from, error from acme_validation_perspective"
                + " where challenge_id = ? order by perspective <> 'primary', perspective", s -> {
                    s.setString(1, challengeId);
                    return all(s, r -> new PerspectiveResult(r.getString(1), r.getBoolean(2), r.getString(3), r.getString(4)));
                });
    }

    @Override
    public List<String> orderIds(long acmeAccountId) {
        return sql("list ACME orders", "select id from acme_order where acme_account_id = ? order by created_at, id", s -> {
            s.setLong(1, acmeAccountId);
            return all(s, r -> r.getString(1));
        });
    }

    @Override
    public Optional<AcmeOrder> findOrderReplacing(String serial) {
        return sql("read an ACME order", ORDER + " where replaces_serial = ? and status <> 'invalid'", s -> {
            s.setString(1, serial);
            return one(s, JdbcAcmeRepository::order);
        });
    }

    @Override
    public List<String> validatedBy(String orderId) {
        return sql("read an ACME order's validations", "select distinct c.type from acme_challenge c join acme_authorization z"
                + " on z.id = c.authorization_id where z.order_id = ? and c.status = 'valid' order by c.type", s -> {
            s.setString(1, orderId);
            return all(s, r -> r.getString(1));
        });
    }

    @Override
    public Optional<AcmeOrder> findOrderByCertificate(String serial) {
        return sql("read an ACME order", ORDER + " where certificate_serial = ?", s -> {
            s.setString(1, serial);
            return one(s, JdbcAcmeRepository::order);
        });
    }

    @Override
    public boolean moveOrder(String id, String from, String to, String error) {
        return sql("change an ACME order", "update acme_order set status = ?, error = ? where id = ? and status = ?", s -> {
            s.setString(1, to);
            s.setString(2, error);
            s.setString(3, id);
            s.setString(4, from);
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public void orderIssued(String id, String serial, String chainPem) {
        sql("finish an ACME order", "update acme_order set status = 'valid', certificate_serial = ?, certificate_chain = ? where id = ?", s -> {
            s.setString(1, serial);
            s.setString(2, chainPem);
            s.setString(3, id);
            return s.executeUpdate();
        });
    }

    @Override
    public boolean startFinalizing(String id, byte[] csrSha256, Instant now) {
        // last_value of the sequence: every certificate_request inserted from now on gets a higher id.
        return sql("start finalizing an ACME order", "update acme_order set status = 'processing', error = null, finalizing_since = ?,"
                + " finalize_csr_sha256 = ?, finalize_request_floor = (select last_value from certificate_request_id_seq)"
                + " where id = ? and status = 'ready'", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setBytes(2, csrSha256);
            s.setString(3, id);
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public List<String> ordersFinalizingBefore(Instant before, int limit) {
        return sql("find interrupted ACME finalizations", "select id from acme_order where status = 'processing' and finalizing_since < ?"
                + " order by finalizing_since limit ?", s -> {
            s.setTimestamp(1, Timestamp.from(before));
            s.setInt(2, limit);
            return all(s, r -> r.getString(1));
        });
    }

    @Override
    public FinalizationOutcome finalizationOutcome(String orderId) {
        // The request this finalization stored: same CSR, same TrustChain account, stored after it started. A certificate
        // an external CA issued (delegation) has no serial reservation, hence the left join.
        return sql("find what an ACME finalization issued", "select c.serial_number, c.issuer_id, c.der, s.state"
                + " from acme_order o join acme_account x on x.id = o.acme_account_id join account a on a.id = x.account_id"
                + " join certificate_request r on r.id > o.finalize_request_floor and sha256(r.csr) = o.finalize_csr_sha256"
                + " and r.requested_by = a.name"
                + " join certificate c on c.request_id = r.id left join serial_reservation s on s.serial_number = c.serial_number"
                + " where o.id = ? and o.status = 'processing' order by (c.der is not null) desc, r.id limit 1", s -> {
            s.setString(1, orderId);
            return one(s, r -> r.getBytes(3) != null
                    ? new FinalizationOutcome(FinalizationOutcome.State.ISSUED, r.getString(1), r.getString(2), r.getBytes(3))
                    : "reserved".equals(r.getString(4))
                            ? new FinalizationOutcome(FinalizationOutcome.State.IN_FLIGHT, r.getString(1), r.getString(2), null)
                            : FinalizationOutcome.NONE).orElse(FinalizationOutcome.NONE);
        });
    }

    @Override
    public Optional<AcmeAuthorization> findAuthorization(String id) {
        return sql("read an ACME authorization", AUTHORIZATION + " where z.id = ?", s -> {
            s.setString(1, id);
            return one(s, JdbcAcmeRepository::authorization);
        });
    }

    @Override
    public List<AcmeAuthorization> authorizations(String orderId) {
        return sql("list ACME authorizations", AUTHORIZATION + " where z.order_id = ? order by z.id", s -> {
            s.setString(1, orderId);
            return all(s, JdbcAcmeRepository::authorization);
        });
    }

    @Override
    public void setAuthorizationStatus(String id, String status) {
        sql("change an ACME authorization", "update acme_authorization set status = ? where id = ?", s -> {
            s.setString(1, status);
            s.setString(2, id);
            return s.executeUpdate();
        });
    }

    @Override
    public Optional<AcmeChallenge> findChallenge(String id) {
        return sql("read an ACME challenge", CHALLENGE + " where c.id = ?", s -> {
            s.setString(1, id);
            return one(s, JdbcAcmeRepository::challenge);
        });
    }

    @Override
    public List<AcmeChallenge> challenges(String authorizationId) {
        return sql("list ACME challenges", CHALLENGE + " where c.authorization_id = ? order by c.id", s -> {
            s.setString(1, authorizationId);
            return all(s, JdbcAcmeRepository::challenge);
        });
    }

    @Override
    public boolean startChallenge(String id) {
        return sql("start an ACME challenge", "update acme_challenge set status = 'processing' where id = ? and status = 'pending'", s -> {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public void finishChallenge(String id, String status, Instant validatedAt, String validatedFrom, String error) {
        sql("store an ACME validation", "update acme_challenge set status = ?, validated_at = ?, validated_from = ?, error = ? where id = ?", s -> {
            s.setString(1, status);
            s.setTimestamp(2, validatedAt == null ? null : Timestamp.from(validatedAt));
            s.setString(3, validatedFrom);
            s.setString(4, error);
            s.setString(5, id);
            return s.executeUpdate();
        });
    }

    private static AcmeAccount account(ResultSet r) throws SQLException {
        return new AcmeAccount(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), strings(r, 5), r.getString(6));
    }

    private static AcmeOrder order(ResultSet r) throws SQLException {
        return new AcmeOrder(r.getString(1), r.getLong(2), r.getString(3), strings(r, 4), instant(r.getTimestamp(5)), r.getString(6),
                r.getString(7), r.getString(8), r.getString(9), r.getString(10));
    }

    private static AcmeAuthorization authorization(ResultSet r) throws SQLException {
        return new AcmeAuthorization(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5), instant(r.getTimestamp(6)));
    }

    private static AcmeChallenge challenge(ResultSet r) throws SQLException {
        return new AcmeChallenge(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                instant(r.getTimestamp(8)), r.getString(9), r.getString(10));
    }

    private static List<String> strings(ResultSet r, int column) throws SQLException {
        Array a = r.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
