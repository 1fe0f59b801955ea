package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of serial_reservation: a serial number claimed before signing. */
@Entity
@Table(name = "serial_reservation")
public class SerialReservationEntity {
    @Id
    @Column(name = "serial_number")
    public String serialNumber;
    @Column(name = "issuer_id", nullable = false)
    public String issuerId;
    @Column(nullable = false)
    public String state;
    @Column(name = "reserved_at", nullable = false)
    public Instant reservedAt;
}
