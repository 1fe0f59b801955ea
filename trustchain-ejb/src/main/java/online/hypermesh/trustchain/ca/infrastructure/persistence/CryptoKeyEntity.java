package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of crypto_key: one wrapped private key of the software token. */
@Entity
@Table(name = "crypto_key")
public class CryptoKeyEntity {
    @Id
    public String alias;
    @Column(name = "key_type", nullable = false)
    public String keyType;
    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;
    @Column(nullable = false)
    public byte[] salt;
    @Column(nullable = false)
    public int iterations;
    @Column(nullable = false)
    public byte[] iv;
    @Column(nullable = false)
    public byte[] ciphertext;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
