package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.DelegationJournal;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The delegation journal in PostgreSQL (V31), one statement per step like {@link JdbcIssuanceJournal}. */
@ApplicationScoped
public class JdbcDelegationJournal implements DelegationJournal {
    private static final String RECORD_REQUEST = """
            with request as (
                insert into certificate_request (csr, profile, requested_validity_hours, region, requested_by, received_at)
                values (?, ?, ?, ?, ?, ?) returning id
            )
            insert into delegated_issuance (external_ca, request_id, transaction_id, state, requested_at)
            select ?, request.id, ?, 'requested', ? from request returning id
            """;

    /*
     * Locks the intent, then stores the reservation and the certificate only if it is still
     * requested; the last update's row count says whether it was.
     */
    private static final String RECORD_ISSUED = """
            with intent as (
                select id, request_id from delegated_issuance where id = ? and state = 'requested' for update
            ), serial as (
                insert into serial_reservation (serial_number, issuer_id, external_ca, state, reserved_at, settled_at)
                select ?, null, ?, 'issued', ?, ? from intent
            ), stored as (
                insert into certificate (serial_number, issuer_id, external_ca, request_id, profile, subject, names, not_before, not_after,
                                         status, der, issued_at)
                select ?, null, ?, intent.request_id, ?, ?, ?, ?, ?, 'valid', ?, ? from intent
                returning serial_number
            )
            update delegated_issuance d set state = 'issued', serial_number = stored.serial_number, settled_at = ?
            from stored where d.id = ?
            """;

    private static final String SETTLE =
            "update delegated_issuance set state = ?, outcome = ?, settled_at = ? where id = ? and state = 'requested'";

    private static final String UNFINISHED = """
            select d.id, d.external_ca, d.transaction_id, r.requested_by, d.requested_at
            from delegated_issuance d join certificate_request r on r.id = d.request_id
            where d.state = 'requested' and d.requested_at < ?
            order by d.requested_at limit ?
            for update of d skip locked
            """;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public long recordRequest(IssuanceRequestRecord r, String externalCa, String transactionIdHex) {
        return JdbcStatements.run(dataSource, "record the delegated request " + transactionIdHex, RECORD_REQUEST, s -> {
            int i = JdbcStatements.setRequest(s, 0, r);
            s.setString(++i, externalCa);
            s.setString(++i, transactionIdHex);
            s.setTimestamp(++i, Timestamp.from(r.receivedAt()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public boolean recordIssued(long intentId, DelegatedCertificate c, Instant at) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(RECORD_ISSUED)) {
            int i = 0;
            s.setLong(++i, intentId);
            s.setString(++i, c.serialHex());
            s.setString(++i, c.externalCa());
            s.setTimestamp(++i, Timestamp.from(at));
            s.setTimestamp(++i, Timestamp.from(at));
            s.setString(++i, c.serialHex());
            s.setString(++i, c.externalCa());
            s.setString(++i, c.profile());
            s.setString(++i, c.subject());
            s.setArray(++i, connection.createArrayOf("text", c.names().toArray()));
            s.setTimestamp(++i, Timestamp.from(c.notBefore()));
            s.setTimestamp(++i, Timestamp.from(c.notAfter()));
            s.setBytes(++i, c.der());
            s.setTimestamp(++i, Timestamp.from(at));
            s.setTimestamp(++i, Timestamp.from(at));
            s.setLong(++i, intentId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new TrustChainException(ErrorKind.CONFLICT, "external CA " + c.externalCa() + " issued serial " + c.serialHex()
                        + ", which TrustChain already holds for another certificate; the certificate is not stored (ask the external CA"
                        + " to revoke it) and a new request gets a new serial");
            }
            throw TrustChainException.internal("cannot store the delegated certificate " + c.serialHex() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public boolean settle(long intentId, Outcome outcome, String why, Instant at) {
        return JdbcStatements.run(dataSource, "settle the delegated request " + intentId, SETTLE, s -> {
            s.setString(1, outcome.name().toLowerCase(java.util.Locale.ROOT));
            s.setString(2, why);
            s.setTimestamp(3, Timestamp.from(at));
            s.setLong(4, intentId);
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public List<UnfinishedDelegation> unfinished(Instant before, int limit) {
        return JdbcStatements.run(dataSource, "read unfinished delegated requests", UNFINISHED, s -> {
            s.setTimestamp(1, Timestamp.from(before));
            s.setInt(2, limit);
            return JdbcStatements.all(s, r -> new UnfinishedDelegation(r.getLong("id"), r.getString("external_ca"),
                    r.getString("transaction_id"), r.getString("requested_by"), r.getTimestamp("requested_at").toInstant()));
        });
    }
}
