package online.hypermesh.trustchain.ca.dns;

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
 * The rows of dynamic update (V26): TSIG keys made for accounts ({@code dns_update_key}) and the
 * TXT records placed with them ({@code dns_challenge_txt}). Writes join the caller's transaction,
 * so a record, its audit event and its {@code dns_change} row commit together or not at all; the
 * reads after a commit (zone refresh from an AFTER_SUCCESS observer or another node's change) run
 * in a transaction of their own.
 */
@Stateless
@LocalBean
public class DnsUpdateStore {

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    /** A key as verification needs it, with the name of the account it was made for. */
    public record Key(String name, String account, boolean accountEnabled, String algorithm, byte[] secret) {
    }

    public void addKey(String name, long accountId, String algorithm, byte[] secret, String createdBy, Instant now) {
        update("cannot store the TSIG key " + name, "insert into dns_update_key (name, account_id, algorithm, secret, created_at, created_by) values (?, ?, ?, ?, ?, ?)",
                name, accountId, algorithm, secret, Timestamp.from(now), createdBy);
    }

    /** Read on every signed message; a key is never cached, so removing its row (or disabling its account) takes effect at once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Key> key(String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select k.name, a.name, a.enabled, k.algorithm, k.secret from dns_update_key k join account a on a.id = k.account_id where k.name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Key(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getBytes(5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the TSIG key " + name, e);
        }
    }

    /** @return false when the owner had that value already (an RRset holds no duplicates, RFC 2181 5) */
    public boolean addTxt(String owner, String value, String keyName, Instant now) {
        return update("cannot store the TXT record at " + owner,
                "insert into dns_challenge_txt (owner, value, key_name, created_at) values (?, ?, ?, ?) on conflict do nothing",
                owner, value, keyName, Timestamp.from(now)) > 0;
    }

    /** @param value null: every value at the owner */
    public int deleteTxt(String owner, String value) {
        return value == null ? update("cannot delete the TXT records at " + owner, "delete from dns_challenge_txt where owner = ?", owner)
                : update("cannot delete the TXT record at " + owner, "delete from dns_challenge_txt where owner = ? and value = ?", owner, value);
    }

    /**
     * Serializes the updates of one owner until the caller's transaction ends (a transaction-level
     * advisory lock on the name's hash), so that two concurrent updates cannot both pass the limit.
     */
    public void lockOwner(String owner) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(hashtext('dns_challenge_txt:' || ?))")) {
            s.setString(1, owner);
            s.execute();
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot lock the TXT records at " + owner, e);
        }
    }

    /** Deletes the records placed before {@code cutoff}; returns the owners that lost any. */
    public List<String> deleteTxtBefore(Instant cutoff) {
        List<String> owners = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from dns_challenge_txt where created_at < ? returning owner")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!owners.contains(rs.getString(1))) {
                        owners.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot expire the zone's TXT records", e);
        }
        return owners;
    }

    /** In the caller's transaction (which sees its own uncommitted writes). */
    public List<String> txtInTransaction(String owner) {
        return txt(owner).getOrDefault(owner, List.of());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> txtOf(String owner) {
        return txt(owner).getOrDefault(owner, List.of());
    }

    /** Every owner with its values, in the caller's transaction (the start-up load). */
    public Map<String, List<String>> allTxt() {
        return txt(null);
    }

    private Map<String, List<String>> txt(String owner) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String sql = "select owner, value from dns_challenge_txt" + (owner == null ? "" : " where owner = ?") + " order by owner, created_at, value";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (owner != null) {
                s.setString(1, owner);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), o -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the zone's TXT records", e);
        }
        return out;
    }

    private int update(String failure, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw TrustChainException.internal(failure, e);
        }
    }
}
