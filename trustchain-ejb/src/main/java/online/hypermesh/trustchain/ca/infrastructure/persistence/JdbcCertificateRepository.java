package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Array;
import java.sql.Connection;
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

import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateSearch;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.IssuanceStage;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Certificates in PostgreSQL through plain JDBC on the JTA data source (issuance writes them
 * through {@link JdbcIssuanceJournal}). The connection is the transaction's, shared with JPA.
 */
@ApplicationScoped
public class JdbcCertificateRepository implements CertificateRepository {
    private static final String COLUMNS = "serial_number, issuer_id, request_id, profile, subject, names, not_before, not_after, status,"
            + " revocation_reason, revoked_at, der, issued_at, replaces_serial, precertificate, external_ca";
    private static final String MARK_EXPIRED = """
            update certificate set status = 'expired'
            where serial_number in (
                select serial_number from certificate
                where status = 'valid' and not_after < ?
                order by not_after limit ? for update skip locked)
            """;

    /**
     * One revoke-all batch in one statement: lock the next rows in serial order (waiting for any
     * another transaction holds; after the wait PostgreSQL re-checks the condition and takes the
     * next row instead if it no longer matches), revoke them, and record the CRL re-signing.
     */
    private static final String REVOKE_BATCH = """
            with batch as (
                select serial_number from certificate
                where issuer_id = ? and not_after > ?
                  and (status = 'valid' or (status = 'revoked' and revocation_reason = 'certificateHold'))
                order by serial_number limit ? for update),
            revoked as (
                update certificate c set status = 'revoked', revocation_reason = ?,
                    revoked_at = case when c.status = 'revoked' then c.revoked_at else ? end, status_changed_at = now()
                from batch where c.serial_number = batch.serial_number
                returning c.serial_number),
            flagged as (
                insert into crl_resign_request (authority_id) select ? where exists (select 1 from revoked))
            select serial_number from revoked order by serial_number
            """;
    /* A delegated certificate (V31: no issuer_id) is on no CRL of ours, so it asks for no re-signing. */
    private static final String UPDATE_REVOCATION = """
            with changed as (
                update certificate set status = ?, revocation_reason = ?, revoked_at = ?, status_changed_at = now()
                where serial_number = ? returning serial_number, issuer_id),
            flagged as (
                insert into crl_resign_request (authority_id) select issuer_id from changed where issuer_id is not null)
            select serial_number from changed
            """;
    private static final String COUNTS = """
            select count(*), count(*) filter (where status = 'revoked' and revocation_reason <> 'certificateHold'),
                count(*) filter (where not_after > ? and (status = 'valid' or revocation_reason = 'certificateHold'))
            from certificate where issuer_id = ?
            """;
    private static final String RENEWED_BEFORE = """
            select old.serial_number from certificate renewal join certificate old on old.serial_number = renewal.replaces_serial
            where renewal.issued_at < ? and old.status = 'valid' and old.not_after > ?
            limit ?
            """;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public Optional<CertificateRecord> find(String serialHex) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement("select " + COLUMNS + " from certificate where serial_number = ?")) {
            s.setString(1, serialHex);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(record(rs));
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read certificate " + serialHex, e);
        }
    }

    @Override
    public Optional<CertificateRecord> findForUpdate(String serialHex) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement("select " + COLUMNS + " from certificate where serial_number = ? for update")) {
            s.setString(1, serialHex);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read certificate " + serialHex, e);
        }
    }

    @Override
    public void updateRevocation(String serialHex, CertificateStatus status, String reason, Instant revokedAt) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(UPDATE_REVOCATION)) {
            s.setString(1, status.apiValue());
            s.setString(2, reason);
            s.setTimestamp(3, revokedAt == null ? null : Timestamp.from(revokedAt));
            s.setString(4, serialHex);
            if (serials(s).isEmpty()) {
                throw TrustChainException.notFound("no certificate with serial number " + serialHex);
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot update certificate " + serialHex, e);
        }
    }

    @Override
    public List<CertificateRecord> search(CertificateSearch q, Instant now) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from certificate where true");
        List<Object> args = new ArrayList<>();
        if (q.subjectContains() != null) {
            sql.append(" and subject ilike ? escape '\\'");
            args.add("%" + q.subjectContains().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.name() != null) {
            sql.append(" and names @> array[?]::text[]");
            args.add(q.name());
        }
        if (q.status() != null) {
            // The expiry timer marks rows a little late; readers must never see "valid" past notAfter.
            switch (q.status()) {
                case VALID -> {
                    sql.append(" and status = 'valid' and not_after >= ?");
                    args.add(Timestamp.from(now));
                }
                case EXPIRED -> {
                    sql.append(" and (status = 'expired' or (status = 'valid' and not_after < ?))");
                    args.add(Timestamp.from(now));
                }
                case REVOKED -> sql.append(" and status = 'revoked'");
            }
        }
        if (q.issuerId() != null) {
            sql.append(" and issuer_id = ?");
            args.add(q.issuerId());
        }
        if (q.expiresAfter() != null) {
            sql.append(" and not_after >= ?");
            args.add(Timestamp.from(q.expiresAfter()));
        }
        if (q.expiresBefore() != null) {
            sql.append(" and not_after < ?");
            args.add(Timestamp.from(q.expiresBefore()));
        }
        if (q.stage() != null) {
            sql.append(q.stage() == IssuanceStage.PRECERTIFICATE ? " and der is null" : " and der is not null");
        }
        if (q.afterSerial() != null) {
            sql.append(" and serial_number > ?");
            args.add(q.afterSerial());
        }
        sql.append(" order by serial_number limit ?");
        args.add(q.limit());
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<CertificateRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot search certificates", e);
        }
    }

    @Override
    public List<String> revokeBatch(String issuerId, String reason, Instant revokedAt, int limit) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(REVOKE_BATCH)) {
            s.setString(1, issuerId);
            s.setTimestamp(2, Timestamp.from(revokedAt));
            s.setInt(3, limit);
            s.setString(4, reason);
            s.setTimestamp(5, Timestamp.from(revokedAt));
            s.setString(6, issuerId);
            return serials(s);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot revoke the certificates of " + issuerId, e);
        }
    }

    @Override
    public IssuerCounts countsOf(String issuerId, Instant now) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(COUNTS)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, issuerId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new IssuerCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot count the certificates of " + issuerId, e);
        }
    }

    @Override
    public Optional<String> successorOf(String serialHex) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement("select serial_number from certificate where replaces_serial = ?")) {
            s.setString(1, serialHex);
            return serials(s).stream().findFirst();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the successor of " + serialHex, e);
        }
    }

    @Override
    public Optional<String> requesterOf(String serialHex) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement(
                     "select r.requested_by from certificate c join certificate_request r on r.id = c.request_id where c.serial_number = ?")) {
            s.setString(1, serialHex);
            try (var rows = s.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read who requested " + serialHex, e);
        }
    }

    @Override
    public List<String> renewedBefore(Instant renewedBefore, Instant now, int limit) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(RENEWED_BEFORE)) {
            s.setTimestamp(1, Timestamp.from(renewedBefore));
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, limit);
            return serials(s);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read renewed certificates", e);
        }
    }

    private static List<String> serials(PreparedStatement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public int markExpired(Instant now, int limit) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(MARK_EXPIRED)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot mark expired certificates", e);
        }
    }

    private static CertificateRecord record(ResultSet rs) throws SQLException {
        long requestId = rs.getLong("request_id");
        Long request = rs.wasNull() ? null : requestId;
        // A delegated certificate's issuer is the external CA, by its name (V31: issuer_id is null then).
        String externalCa = rs.getString("external_ca");
        String issuer = externalCa != null ? externalCa : rs.getString("issuer_id");
        return new CertificateRecord(rs.getString("serial_number"), issuer, request, rs.getString("profile"),
                rs.getString("subject"), names(rs.getArray("names")), instant(rs, "not_before"), instant(rs, "not_after"),
                CertificateStatus.fromDb(rs.getString("status")), rs.getString("revocation_reason"), instant(rs, "revoked_at"),
                rs.getBytes("der"), instant(rs, "issued_at"), rs.getString("replaces_serial"), rs.getBytes("precertificate"), externalCa);
    }

    private static List<String> names(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
