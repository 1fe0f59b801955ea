package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.IssuanceIntent;
import online.hypermesh.trustchain.ca.domain.IssuanceJournal;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;
import online.hypermesh.trustchain.ca.domain.UnfinishedIssuance;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The issuance journal in PostgreSQL (V8) through plain JDBC on the JTA data source. Each step is
 * one statement with data-modifying CTEs, so issuance costs one round trip per transaction besides
 * the commit; the foreign keys between the rows are checked at the end of the statement.
 */
@ApplicationScoped
public class JdbcIssuanceJournal implements IssuanceJournal {
    private static final String RECORD_INTENT = """
            with request as (
                insert into certificate_request (csr, profile, requested_validity_hours, region, requested_by, received_at)
                values (?, ?, ?, ?, ?, ?) returning id
            ), serial as (
                insert into serial_reservation (serial_number, issuer_id, state, reserved_at, replaces_serial)
                values (?, ?, 'reserved', ?, ?)
            )
            insert into certificate (serial_number, issuer_id, request_id, profile, subject, names, not_before, not_after,
                                     status, precertificate, issued_at)
            select ?, ?, request.id, ?, ?, ?, ?, ?, 'valid', ?, ? from request
            """;

    /*
     * Locks the reservation first (so recovery, which locks it too, cannot settle it meanwhile),
     * then writes the certificate only if the reservation is still open and the row still valid.
     * The outcome column tells the caller which of the three cases it was.
     */
    private static final String RECORD_FINAL = """
            with reservation as (
                select r.serial_number, r.state, r.replaces_serial, c.status
                from serial_reservation r join certificate c on c.serial_number = r.serial_number
                where r.serial_number = ? for update of r, c
            ), stored as (
                update certificate c set der = ?, issued_at = ?, replaces_serial = reservation.replaces_serial
                from reservation
                where c.serial_number = reservation.serial_number and reservation.state = 'reserved' and reservation.status = 'valid'
                returning c.serial_number
            ), settled as (
                update serial_reservation r set state = 'issued', settled_at = ?
                from stored where r.serial_number = stored.serial_number
            )
            select case when exists (select 1 from stored) then 'STORED'
                        when reservation.state <> 'reserved' then 'SETTLED_MEANWHILE'
                        else 'REVOKED_MEANWHILE' end
            from reservation
            """;

    private static final String SETTLE_INCOMPLETE =
            "update serial_reservation set state = 'incomplete', settled_at = ? where serial_number = ? and state = 'reserved'";

    private static final String UNFINISHED = """
            select r.serial_number, r.issuer_id, r.reserved_at, c.precertificate
            from serial_reservation r join certificate c on c.serial_number = r.serial_number
            where r.state = 'reserved' and r.reserved_at < ?
            order by r.reserved_at limit ?
            for update of r skip locked
            """;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public void recordIntent(IssuanceIntent intent) {
        IssuanceRequestRecord r = intent.request();
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(RECORD_INTENT)) {
            int i = JdbcStatements.setRequest(s, 0, r);
            s.setString(++i, intent.serialHex());
            s.setString(++i, intent.issuerId());
            s.setTimestamp(++i, Timestamp.from(r.receivedAt()));
            s.setString(++i, intent.replacesSerialHex());
            s.setString(++i, intent.serialHex());
            s.setString(++i, intent.issuerId());
            s.setString(++i, intent.profile());
            s.setString(++i, intent.subject());
            s.setArray(++i, connection.createArrayOf("text", intent.names().toArray()));
            s.setTimestamp(++i, Timestamp.from(intent.notBefore()));
            s.setTimestamp(++i, Timestamp.from(intent.notAfter()));
            s.setBytes(++i, intent.precertificateDer());
            s.setTimestamp(++i, Timestamp.from(r.receivedAt()));
            if (s.executeUpdate() != 1) {
                throw TrustChainException.internal("the issuance intent for " + intent.serialHex() + " was not recorded", null);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) && intent.replacesSerialHex() != null
                    && String.valueOf(e.getMessage()).contains("serial_reservation_one_renewal")) {
                throw new TrustChainException(ErrorKind.CONFLICT, "certificate " + intent.replacesSerialHex()
                        + " is being renewed or was renewed by another request; fetch it with GET /api/v1/ca/certificates/"
                        + intent.replacesSerialHex() + " and renew its successor");
            }
            throw TrustChainException.internal("cannot record the issuance of serial " + intent.serialHex()
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public Completion recordFinal(String serialHex, byte[] certificateDer, Instant issuedAt) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(RECORD_FINAL)) {
            s.setString(1, serialHex);
            s.setBytes(2, certificateDer);
            s.setTimestamp(3, Timestamp.from(issuedAt));
            s.setTimestamp(4, Timestamp.from(issuedAt));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw TrustChainException.internal("no reservation for serial " + serialHex, null);
                }
                return Completion.valueOf(rs.getString(1));
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the certificate with serial " + serialHex
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public boolean settleIncomplete(String serialHex, Instant at) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(SETTLE_INCOMPLETE)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, serialHex);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot settle the issuance of serial " + serialHex, e);
        }
    }

    @Override
    public List<UnfinishedIssuance> unfinished(Instant reservedBefore, int limit) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement s = connection.prepareStatement(UNFINISHED)) {
            s.setTimestamp(1, Timestamp.from(reservedBefore));
            s.setInt(2, limit);
            List<UnfinishedIssuance> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new UnfinishedIssuance(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBytes(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read unfinished issuances", e);
        }
    }
}
