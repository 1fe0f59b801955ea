package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SCEP server's state (scep_challenge, scep_ra, scep_transaction).
 *
 * <p>Durability: writes join the caller's transaction. Concurrency: {@link #useChallenge} is a
 * conditional update that reports whether it won, so two requests with the same password issue
 * once; the loser's transaction rolls back with nothing stored. Thread-safe.
 */
public interface ScepRepository {

    /** A challenge: for which account, until when, and whether it was used (by which serial). */
    record Challenge(long id, long accountId, String accountName, Instant expiresAt, Instant usedAt, String usedSerial) {
    }

    record RaCertificate(String keyAlias, String authorityId, byte[] certificate, Instant notBefore, Instant notAfter) {
    }

    void addChallenge(byte[] passwordSha256, long accountId, String createdBy, Instant createdAt, Instant expiresAt);

    Optional<Challenge> findChallenge(byte[] passwordSha256);

    /**
     * Marks the challenge used by {@code serial}; true if it was unused and unexpired at
     * {@code now}, or is already used by exactly this serial (the issuance checks it in both of
     * its transactions).
     */
    boolean useChallenge(long id, String serial, Instant now);

    void addRaCertificate(RaCertificate certificate);

    /** The RA certificates valid at {@code now}, newest first. */
    List<RaCertificate> raCertificates(Instant now);

    void recordTransaction(String transactionId, String serial, Instant now);

    Optional<String> transactionSerial(String transactionId);
}
