package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** trust_anchor, trust_anchor_certificate and cross_certificate (V30) on the transaction's connection. */
@ApplicationScoped
public class JdbcTrustAnchorRepository implements TrustAnchorRepository {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String ANCHOR_COLUMNS = "id, name, purposes, imported_at, imported_by, deactivated_at, deactivated_by";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public StoredAnchor add(String name, List<byte[]> certificates, List<String> purposes, Instant at, String by) {
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement s = c.prepareStatement("insert into trust_anchor (name, root_fingerprint, purposes, imported_at, imported_by)"
                    + " values (?, ?, ?, ?, ?) returning id")) {
                s.setString(1, name);
                s.setBytes(2, sha256(certificates.get(0)));
                s.setArray(3, c.createArrayOf("text", purposes.toArray()));
                s.setTimestamp(4, Timestamp.from(at));
                s.setString(5, by);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into trust_anchor_certificate (anchor_id, position, fingerprint, certificate) values (?, ?, ?, ?)")) {
                for (int i = 0; i < certificates.size(); i++) {
                    s.setLong(1, id);
                    s.setInt(2, i);
                    s.setBytes(3, sha256(certificates.get(i)));
                    s.setBytes(4, certificates.get(i));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return new StoredAnchor(id, name, certificates, purposes, at, by, null, null);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new TrustChainException(ErrorKind.CONFLICT, "an active trust anchor has this root already; GET /api/v1/trust-anchors"
                        + " lists them (deactivate it first to import it again with other purposes)");
            }
            throw TrustChainException.internal("cannot store the trust anchor (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public List<StoredAnchor> list() {
        return anchors("select " + ANCHOR_COLUMNS + " from trust_anchor order by id", null);
    }

    @Override
    public Optional<StoredAnchor> find(long id) {
        return anchors("select " + ANCHOR_COLUMNS + " from trust_anchor where id = ?", id).stream().findFirst();
    }

    @Override
    public List<StoredAnchor> active(String purpose) {
        return anchors("select " + ANCHOR_COLUMNS + " from trust_anchor where deactivated_at is null and ? = any (purposes) order by id",
                purpose);
    }

    @Override
    public boolean deactivate(long id, Instant at, String by) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update trust_anchor set deactivated_at = ?, deactivated_by = ? where id = ? and deactivated_at is null")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, by);
            s.setLong(3, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot deactivate trust anchor " + id, e);
        }
    }

    @Override
    public List<byte[]> activeRoots(String purpose) {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select tc.certificate from trust_anchor a join trust_anchor_certificate tc on tc.anchor_id = a.id and tc.position = 0"
                        + " where a.deactivated_at is null and ? = any (a.purposes) order by a.id")) {
            s.setString(1, purpose);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getBytes(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the trust anchors for " + purpose, e);
        }
    }

    @Override
    public void addIssued(long anchorId, IssuedCross issued, Instant at, String by) {
        String sql = """
                with serial as (
                    insert into serial_reservation (serial_number, issuer_id, state, reserved_at, settled_at) values (?, ?, 'issued', ?, ?)
                ), cert as (
                    insert into certificate (serial_number, issuer_id, profile, subject, names, not_before, not_after, status, der, issued_at)
                    values (?, ?, ?, ?, '{}', ?, ?, 'valid', ?, ?)
                )
                insert into cross_certificate (anchor_id, direction, serial_number, certificate, fingerprint, not_after, created_at, created_by)
                values (?, 'issued', ?, ?, ?, ?, ?, ?)
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 0;
            s.setString(++i, issued.serialHex());
            s.setString(++i, issued.issuerId());
            s.setTimestamp(++i, Timestamp.from(at));
            s.setTimestamp(++i, Timestamp.from(at));
            s.setString(++i, issued.serialHex());
            s.setString(++i, issued.issuerId());
            s.setString(++i, CROSS_PROFILE);
            s.setString(++i, issued.subject());
            s.setTimestamp(++i, Timestamp.from(issued.notBefore()));
            s.setTimestamp(++i, Timestamp.from(issued.notAfter()));
            s.setBytes(++i, issued.der());
            s.setTimestamp(++i, Timestamp.from(at));
            s.setLong(++i, anchorId);
            s.setString(++i, issued.serialHex());
            s.setBytes(++i, issued.der());
            s.setBytes(++i, sha256(issued.der()));
            s.setTimestamp(++i, Timestamp.from(issued.notAfter()));
            s.setTimestamp(++i, Timestamp.from(at));
            s.setString(++i, by);
            s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the cross certificate " + issued.serialHex() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public CrossRecord addReceived(long anchorId, byte[] der, Instant notAfter, Instant at, String by) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into cross_certificate (anchor_id, direction, certificate, fingerprint, not_after, created_at, created_by)"
                        + " values (?, 'received', ?, ?, ?, ?, ?) returning id")) {
            s.setLong(1, anchorId);
            s.setBytes(2, der);
            s.setBytes(3, sha256(der));
            s.setTimestamp(4, Timestamp.from(notAfter));
            s.setTimestamp(5, Timestamp.from(at));
            s.setString(6, by);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new CrossRecord(r.getLong(1), anchorId, "received", null, der, notAfter, at, by);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new TrustChainException(ErrorKind.CONFLICT, "this cross certificate is stored already");
            }
            throw TrustChainException.internal("cannot store the received cross certificate (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public List<CrossRecord> crossCertificates(long anchorId) {
        List<CrossRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, anchor_id, direction, serial_number, certificate, not_after, created_at, created_by from cross_certificate"
                        + " where anchor_id = ? order by id")) {
            s.setLong(1, anchorId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new CrossRecord(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getBytes(5),
                            r.getTimestamp(6).toInstant(), r.getTimestamp(7).toInstant(), r.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the cross certificates of trust anchor " + anchorId, e);
        }
    }

    private List<StoredAnchor> anchors(String sql, Object parameter) {
        Map<Long, StoredAnchor> byId = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (parameter instanceof Long id) {
                    s.setLong(1, id);
                } else if (parameter instanceof String text) {
                    s.setString(1, text);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Timestamp deactivated = r.getTimestamp(6);
                        byId.put(r.getLong(1), new StoredAnchor(r.getLong(1), r.getString(2), List.of(),
                                Arrays.asList((String[]) r.getArray(3).getArray()), r.getTimestamp(4).toInstant(), r.getString(5),
                                deactivated == null ? null : deactivated.toInstant(), r.getString(7)));
                    }
                }
            }
            if (byId.isEmpty()) {
                return List.of();
            }
            Map<Long, List<byte[]>> certificates = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "select anchor_id, certificate from trust_anchor_certificate where anchor_id = any (?) order by anchor_id, position")) {
                s.setArray(1, c.createArrayOf("bigint", byId.keySet().toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        certificates.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(r.getBytes(2));
                    }
                }
            }
            List<StoredAnchor> out = new ArrayList<>();
            for (StoredAnchor a : byId.values()) {
                out.add(new StoredAnchor(a.id(), a.name(), certificates.getOrDefault(a.id(), List.of()), a.purposes(), a.importedAt(),
                        a.importedBy(), a.deactivatedAt(), a.deactivatedBy()));
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the trust anchors", e);
        }
    }

    private static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
        }
    }
}
