package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of certificate_request: the CSR and parameters as received. */
@Entity
@Table(name = "certificate_request")
public class CertificateRequestEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public byte[] csr;
    @Column(nullable = false)
    public String profile;
    @Column(name = "requested_validity_hours")
    public Integer requestedValidityHours;
    @Column(nullable = false)
    public String region;
    @Column(name = "requested_by", nullable = false)
    public String requestedBy;
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
