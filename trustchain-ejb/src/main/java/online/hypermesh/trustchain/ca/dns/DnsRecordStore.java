package online.hypermesh.trustchain.ca.dns;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The zone's rows (V3: dns_aaaa_record, dns_zone_state) and the certificate rows the zone publishes
 * TLSA for, through JDBC on the JTA data source. Writes join the caller's transaction; the reads
 * that run after a commit (from AFTER_SUCCESS observers, where the finished transaction is still on
 * the thread) get a transaction of their own.
 */
@Stateless
@LocalBean
public class DnsRecordStore {
    /** Certificates of a profile that can serve TLS, valid now; the DoQ listener's own are not on port 443. */
    private static final String PUBLISHABLE = """
            select c.serial_number, c.profile, c.names, c.not_after, c.status, c.der, coalesce(r.requested_by, '')
            from certificate c left join certificate_request r on r.id = c.request_id
            where c.status = 'valid' and c.der is not null and c.not_after > ? and c.profile in ('server', 'service')
              and coalesce(r.requested_by, '') <> ?
              and exists (select 1 from unnest(c.names) n where lower(n) = ? or lower(n) like ?)
            """;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    /** A certificate as the zone needs it. */
    /** A certificate as the zone needs it; requestedBy is empty when the request row is gone. */
    public record CertificateRow(String serialHex, String profile, List<String> names, Instant notAfter, String status, byte[] der,
                                 String requestedBy) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> addressesOf(String relativeName) {
        return addresses(relativeName).getOrDefault(relativeName, List.of());
    }

    /** Names with their addresses, in the transaction of the caller (which sees its own uncommitted writes). */
    public Map<String, List<String>> addressesInTransaction() {
        return addresses(null);
    }

    private Map<String, List<String>> addresses(String onlyName) {
        String sql = "select name, host(address) from dns_aaaa_record" + (onlyName == null ? "" : " where name = ?") + " order by name, address";
        Map<String, List<String>> result = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (onlyName != null) {
                s.setString(1, onlyName);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read DNS records", e);
        }
        return result;
    }

    /** Replaces the addresses of a name; concurrent writers of the same name queue on an advisory lock. */
    public void replace(String relativeName, List<String> addresses, String actor, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            lockName(c, relativeName);
            try (PreparedStatement d = c.prepareStatement("delete from dns_aaaa_record where name = ?")) {
                d.setString(1, relativeName);
                d.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement(
                    "insert into dns_aaaa_record (name, address, updated_at, updated_by) values (?, cast(? as inet), ?, ?) on conflict do nothing")) {
                for (String address : addresses) {
                    i.setString(1, relativeName);
                    i.setString(2, address);
                    i.setTimestamp(3, Timestamp.from(now));
                    i.setString(4, actor);
                    i.addBatch();
                }
                i.executeBatch();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the DNS records of " + relativeName, e);
        }
    }

    /** Deletes all addresses of a name; false when it had none. */
    public boolean delete(String relativeName) {
        try (Connection c = dataSource.getConnection()) {
            lockName(c, relativeName);
            try (PreparedStatement d = c.prepareStatement("delete from dns_aaaa_record where name = ?")) {
                d.setString(1, relativeName);
                return d.executeUpdate() > 0;
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot delete the DNS records of " + relativeName, e);
        }
    }

    /** Takes the name's lock for the rest of the transaction (the same one {@link #replace} and {@link #delete} take). */
    public void lockName(String relativeName) {
        try (Connection c = dataSource.getConnection()) {
            lockName(c, relativeName);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot lock the DNS records of " + relativeName, e);
        }
    }

    /** Who wrote the name's records last, in the caller's transaction; empty when it has none. */
    public Optional<String> ownerOf(String relativeName) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select updated_by from dns_aaaa_record where name = ? order by updated_at desc limit 1")) {
            s.setString(1, relativeName);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the DNS records of " + relativeName, e);
        }
    }

    /** True exactly once per database: the caller then inserts the default names in the same transaction. */
    public boolean claimSeeding() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update dns_zone_state set seeded = true where id = 1 and not seeded")) {
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the DNS zone state", e);
        }
    }

    /** Valid server/service certificates with at least one name in the zone, except those requested by {@code excludedRequester}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<CertificateRow> publishableCertificates(String zoneWithoutDot, String excludedRequester, Instant now) {
        List<CertificateRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PUBLISHABLE)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, excludedRequester);
            s.setString(3, zoneWithoutDot);
            s.setString(4, "%." + zoneWithoutDot.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the certificates to publish in DNS", e);
        }
        return rows;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<CertificateRow> certificate(String serialHex) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select c.serial_number, c.profile, c.names, c.not_after, c.status, c.der, coalesce(r.requested_by, '')"
                + " from certificate c left join certificate_request r on r.id = c.request_id where c.serial_number = ?")) {
            s.setString(1, serialHex);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read certificate " + serialHex, e);
        }
    }

    private static CertificateRow row(ResultSet rs) throws SQLException {
        Array names = rs.getArray(3);
        List<String> list = List.of((String[]) names.getArray());
        return new CertificateRow(rs.getString(1), rs.getString(2), list, rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getBytes(6),
                rs.getString(7));
    }

    private static void lockName(Connection c, String relativeName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            s.setString(1, "dns_aaaa_record:" + relativeName);
            s.execute();
        }
    }
}
