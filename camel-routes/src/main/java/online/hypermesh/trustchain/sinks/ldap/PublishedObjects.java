package online.hypermesh.trustchain.sinks.ldap;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * What the directory sink publishes, read from the CA's own tables when an event is rendered: an
 * audit event names a certificate by serial and an authority by id, the DER is here. Read-only,
 * each lookup in a statement of its own (auto-commit), outside any issuance transaction.
 */
public final class PublishedObjects {
    /** A leaf certificate with whom it was issued to. */
    public record Issued(byte[] der, String account, List<String> names) {
    }

    /** An authority's latest CRL (full or delta) and its number. */
    public record Crl(byte[] der, long number) {
    }

    private final DataSource dataSource;

    public PublishedObjects(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empty when the serial names no stored certificate (or its final certificate was never stored). */
    public Optional<Issued> certificate(String serialHex) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select c.der, coalesce(r.requested_by, ''), c.names from certificate c left join certificate_request r on r.id = c.request_id"
                        + " where c.serial_number = ? and c.der is not null")) {
            s.setString(1, serialHex);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array names = rs.getArray(3);
                return Optional.of(new Issued(rs.getBytes(1), rs.getString(2), names == null ? List.of() : Arrays.asList((String[]) names.getArray())));
            }
        }
    }

    /** The authority's certificate and its subject's name for the entry. */
    public Optional<byte[]> authorityCertificate(String authorityId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select certificate from certificate_authority where id = ?")) {
            s.setString(1, authorityId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /**
     * The authority's latest full or delta CRL: the only one stored (crl_publication keeps the
     * latest of each), so an event about an older CRL finds a newer number here.
     */
    public Optional<Crl> latestCrl(String authorityId, boolean delta) throws SQLException {
        String sql = delta ? "select delta_der, delta_number from crl_publication where authority_id = ? and delta_der is not null"
                : "select full_der, full_number from crl_publication where authority_id = ? and full_der is not null";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, authorityId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Crl(rs.getBytes(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }
}
