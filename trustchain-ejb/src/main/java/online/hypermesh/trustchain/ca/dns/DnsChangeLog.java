package online.hypermesh.trustchain.ca.dns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The {@code dns_change} table (V5) through which the nodes sharing one database follow each
 * other's zone changes. {@link #append} joins the caller's transaction, so a change is logged
 * exactly when it commits; the reads run in a transaction of their own.
 */
@Stateless
@LocalBean
public class DnsChangeLog {

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    public void append(String kind, String subject, String node) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into dns_change (kind, subject, node) values (?, ?, ?)")) {
            s.setString(1, kind);
            s.setString(2, subject);
            s.setString(3, node);
            s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot log the DNS change of " + subject, e);
        }
    }

    /** The highest id committed so far, 0 for none: where a node that has just loaded the zone starts following. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long lastId() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select coalesce(max(id), 0) from dns_change"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the DNS change log", e);
        }
    }

    /** Rows after {@code afterId}, plus any of the {@code gaps} ids that have appeared since, in id order. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DnsChange> after(long afterId, long[] gaps, int limit) {
        List<DnsChange> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, kind, subject, node from dns_change where id > ? or id = any(?) order by id limit ?")) {
            Long[] boxed = new Long[gaps.length];
            for (int i = 0; i < gaps.length; i++) {
                boxed[i] = gaps[i];
            }
            s.setLong(1, afterId);
            s.setArray(2, c.createArrayOf("bigint", boxed));
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DnsChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the DNS change log", e);
        }
        return rows;
    }
}
