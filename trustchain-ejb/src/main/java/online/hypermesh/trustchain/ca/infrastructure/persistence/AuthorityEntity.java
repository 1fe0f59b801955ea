package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of certificate_authority: the root or a regional issuing intermediate. */
@Entity
@Table(name = "certificate_authority")
public class AuthorityEntity {
    @Id
    public String id;
    @Column(name = "parent_id")
    public String parentId;
    public String region;
    @Column(name = "key_alias", nullable = false)
    public String keyAlias;
    @Column(name = "key_type", nullable = false)
    public String keyType;
    @Column(nullable = false)
    public String subject;
    @Column(name = "serial_number", nullable = false)
    public String serialNumber;
    @Column(nullable = false)
    public byte[] certificate;
    @Column(name = "not_before", nullable = false)
    public Instant notBefore;
    @Column(name = "not_after", nullable = false)
    public Instant notAfter;
    @Column(nullable = false)
    public String status;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "successor_id")
    public String successorId;
    @Column(name = "retired_at")
    public Instant retiredAt;
}
