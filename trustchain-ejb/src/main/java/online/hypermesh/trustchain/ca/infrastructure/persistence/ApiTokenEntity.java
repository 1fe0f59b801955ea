package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of api_token: the SHA-256 of a bearer token and the role it grants. */
@Entity
@Table(name = "api_token")
public class ApiTokenEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public String name;
    @Column(name = "token_hash", nullable = false)
    public byte[] tokenHash;
    @Column(nullable = false)
    public String role;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
