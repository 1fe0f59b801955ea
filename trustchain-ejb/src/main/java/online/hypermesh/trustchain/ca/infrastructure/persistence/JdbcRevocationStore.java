package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.math.BigInteger;
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

import online.hypermesh.trustchain.ca.domain.RevocationStore;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.CertificateStatus;
import online.hypermesh.trustchain.core.revocation.RevocationReason;
import online.hypermesh.trustchain.core.revocation.RevokedEntry;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * The {@link RevocationStore} on the V2 schema (crl_publication, ocsp_responder) and the
 * certificate rows. Plain JDBC on the JTA data source, so every call joins the caller's
 * transaction, as the port's contract requires.
 */
@ApplicationScoped
public class JdbcRevocationStore implements RevocationStore {
    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    public Optional<StoredCrl> latestFullCrl(String authorityId) {
        String sql = "select full_der, full_number, full_this_update, full_next_update from crl_publication"
                + " where authority_id = ? and full_der is not null";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, authorityId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredCrl(rs.getBytes(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the CRL of " + authorityId, e);
        }
    }

    public Optional<StoredDeltaCrl> latestDeltaCrl(String authorityId) {
        String sql = "select delta_der, delta_number, delta_base_number, delta_this_update, delta_next_update from crl_publication"
                + " where authority_id = ? and delta_der is not null";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, authorityId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredDeltaCrl(rs.getBytes(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant()));
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the delta CRL of " + authorityId, e);
        }
    }

    /**
     * Reserves the authority's next CRL number; the row stays locked until the transaction ends,
     * so CRLs of one authority are numbered and stored one at a time across all nodes.
     */
    public long reserveCrlNumber(String authorityId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "insert into crl_publication (authority_id) values (?) on conflict (authority_id) do nothing")) {
                s.setString(1, authorityId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "update crl_publication set last_crl_number = last_crl_number + 1 where authority_id = ? returning last_crl_number")) {
                s.setString(1, authorityId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot reserve a CRL number for " + authorityId + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    public void storeFullCrl(String authorityId, long number, byte[] der, Instant thisUpdate, Instant nextUpdate) {
        String sql = "update crl_publication set full_der = ?, full_number = ?, full_this_update = ?, full_next_update = ?"
                + " where authority_id = ? and last_crl_number = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, der);
            s.setLong(2, number);
            s.setTimestamp(3, Timestamp.from(thisUpdate));
            s.setTimestamp(4, Timestamp.from(nextUpdate));
            s.setString(5, authorityId);
            s.setLong(6, number);
            if (s.executeUpdate() != 1) {
                throw TrustChainException.internal("CRL number " + number + " of " + authorityId + " is no longer the latest", null);
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the CRL of " + authorityId + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    public void storeDeltaCrl(String authorityId, StoredDeltaCrl crl) {
        String sql = "update crl_publication set delta_der = ?, delta_number = ?, delta_base_number = ?, delta_this_update = ?,"
                + " delta_next_update = ? where authority_id = ? and last_crl_number = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, crl.der());
            s.setLong(2, crl.number());
            s.setLong(3, crl.baseNumber());
            s.setTimestamp(4, Timestamp.from(crl.thisUpdate()));
            s.setTimestamp(5, Timestamp.from(crl.nextUpdate()));
            s.setString(6, authorityId);
            s.setLong(7, crl.number());
            if (s.executeUpdate() != 1) {
                throw TrustChainException.internal("CRL number " + crl.number() + " of " + authorityId + " is no longer the latest", null);
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the delta CRL of " + authorityId + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /**
     * What changed for {@code issuerId} since {@code since}, as delta CRL entries (RFC 5280 5.2.4):
     * unexpired revocations (holds included) with their reason, and released holds as
     * removeFromCRL. A certificate listed in the base CRL as well is harmless, so callers pass a
     * {@code since} somewhat before the base CRL was read.
     */
    public List<RevokedEntry> changedSince(String issuerId, Instant since, Instant now) {
        String sql = "select serial_number, status, revoked_at, revocation_reason, status_changed_at from certificate"
                + " where issuer_id = ? and status_changed_at > ? and not_after > ? and status in ('revoked', 'valid')"
                + " union all select serial_number, status, revoked_at, revocation_reason, revoked_at from certificate_authority"
                + " where parent_id = ? and status = 'revoked' and revoked_at > ? and not_after > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < 2; i++) {
                s.setString(1 + 3 * i, issuerId);
                s.setTimestamp(2 + 3 * i, Timestamp.from(since));
                s.setTimestamp(3 + 3 * i, Timestamp.from(now));
            }
            List<RevokedEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    BigInteger serial = new BigInteger(rs.getString(1), 16);
                    if ("revoked".equals(rs.getString(2))) {
                        entries.add(new RevokedEntry(serial, rs.getTimestamp(3).toInstant(), reason(rs.getString(4))));
                    } else {
                        // Valid again after a change: only a hold release does that.
                        entries.add(new RevokedEntry(serial, rs.getTimestamp(5).toInstant(), RevocationReason.REMOVE_FROM_CRL));
                    }
                }
            }
            return entries;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the status changes of " + issuerId, e);
        }
    }

    /** Uses the partial index certificate_status_changed (issuer_id, status_changed_at). */
    public List<BigInteger> statusChangedWithin(String issuerId, int windowSeconds, int limit) {
        String sql = "select serial_number from certificate where issuer_id = ? and status_changed_at is not null"
                + " and status_changed_at > now() - make_interval(secs => ?) limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, issuerId);
            s.setInt(2, windowSeconds);
            s.setInt(3, limit);
            List<BigInteger> serials = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    serials.add(new BigInteger(rs.getString(1), 16));
                }
            }
            return serials;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the recent status changes of " + issuerId, e);
        }
    }

    /** Revoked (including on hold) certificates of {@code issuerId} that have not expired at {@code now}. */
    public List<RevokedEntry> revokedUnexpired(String issuerId, Instant now) {
        String sql = "select serial_number, revoked_at, revocation_reason from certificate"
                + " where issuer_id = ? and status = 'revoked' and not_after > ?"
                + " union all select serial_number, revoked_at, revocation_reason from certificate_authority"
                + " where parent_id = ? and status = 'revoked' and not_after > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, issuerId);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, issuerId);
            s.setTimestamp(4, Timestamp.from(now));
            List<RevokedEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new RevokedEntry(new BigInteger(rs.getString(1), 16), rs.getTimestamp(2).toInstant(), reason(rs.getString(3))));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the revoked certificates of " + issuerId, e);
        }
    }

    /** The OCSP status of a serial: unknown unless {@code issuerId} issued it. Reads committed rows, no cache. */
    public CertificateStatus status(String issuerId, BigInteger serial) {
        // A serial is either a certificate's or an intermediate's: both are random, 20 octets at most.
        String sql = "select status, revoked_at, revocation_reason from certificate where serial_number = ? and issuer_id = ?"
                + " union all select status, revoked_at, revocation_reason from certificate_authority where serial_number = ? and parent_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, SerialNumbers.toHex(serial));
            s.setString(2, issuerId);
            s.setString(3, SerialNumbers.toHex(serial));
            s.setString(4, issuerId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return CertificateStatus.unknown();
                }
                if ("revoked".equals(rs.getString(1))) {
                    return CertificateStatus.revoked(rs.getTimestamp(2).toInstant(), reason(rs.getString(3)));
                }
                // valid, or expired: it was issued and never revoked.
                return CertificateStatus.good();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the status of " + SerialNumbers.toHex(serial), e);
        }
    }

    /** Responder credentials not yet expired at {@code now}, newest first. */
    public List<StoredResponder> responders(Instant now) {
        String sql = "select key_alias, authority_id, key_type, certificate, not_before, not_after from ocsp_responder"
                + " where not_after > ? order by not_after desc";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(now));
            List<StoredResponder> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new StoredResponder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the OCSP responders", e);
        }
    }

    public void addResponder(StoredResponder r) {
        String sql = "insert into ocsp_responder (key_alias, authority_id, key_type, certificate, not_before, not_after, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, r.keyAlias());
            s.setString(2, r.authorityId());
            s.setString(3, r.keyType());
            s.setBytes(4, r.certificate());
            s.setTimestamp(5, Timestamp.from(r.notBefore()));
            s.setTimestamp(6, Timestamp.from(r.notAfter()));
            s.setTimestamp(7, Timestamp.from(Instant.now()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store OCSP responder " + r.keyAlias() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    public void requestResigning(String authorityId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into crl_resign_request (authority_id) values (?)")) {
            s.setString(1, authorityId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot record that the CRLs of " + authorityId + " need re-signing", e);
        }
    }

    public List<String> authoritiesToResign() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select distinct authority_id from crl_resign_request order by authority_id");
             ResultSet rs = s.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the pending CRL re-signing requests", e);
        }
    }

    public int takeResignRequests(String authorityId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from crl_resign_request where authority_id = ?")) {
            s.setString(1, authorityId);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot clear the CRL re-signing requests of " + authorityId, e);
        }
    }

    private static RevocationReason reason(String apiName) {
        return apiName == null ? RevocationReason.UNSPECIFIED : RevocationReason.fromApiName(apiName);
    }
}
