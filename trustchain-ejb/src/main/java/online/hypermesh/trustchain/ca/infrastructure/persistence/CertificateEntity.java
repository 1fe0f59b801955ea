package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of certificate: an issued end-entity certificate and its status. */
@Entity
@Table(name = "certificate")
public class CertificateEntity {
    @Id
    @Column(name = "serial_number")
    public String serialNumber;
    @Column(name = "issuer_id", nullable = false)
    public String issuerId;
    @Column(name = "request_id")
    public Long requestId;
    @Column(nullable = false)
    public String profile;
    @Column(nullable = false)
    public String subject;
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] names;
    @Column(name = "not_before", nullable = false)
    public Instant notBefore;
    @Column(name = "not_after", nullable = false)
    public Instant notAfter;
    @Column(nullable = false)
    public String status;
    @Column(name = "revocation_reason")
    public String revocationReason;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(nullable = false)
    public byte[] der;
    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;
}
