package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Issued certificates with their requests and serial numbers. Writes join the caller's
 * transaction, so a certificate, its request, its serial and its audit event commit together.
 */
public interface CertificateRepository {

    /**
     * Records one issuance: the request, the serial number (claimed for the issuer, unique across
     * the database) and the certificate, in one round trip.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException INTERNAL if the serial
     *         already exists (2^-127 odds); the transaction is then rolled back whole
     */
    void recordIssuance(IssuanceRequestRecord request, CertificateRecord certificate);

    /**
     * Records {@code serialHex} as used up without a certificate: a precertificate was signed for
     * it but its issuance failed, so the serial must never be drawn again (RFC 6962 3.1: a
     * precertificate binds the serial as an issued certificate would).
     */
    void recordUnusedSerial(String serialHex, String issuerId, Instant at);

    Optional<CertificateRecord> find(String serialHex);

    /** The certificate, locked for update until the caller's transaction ends (revocation reads, then writes). */
    Optional<CertificateRecord> findForUpdate(String serialHex);

    /** Sets status, reason and revocation time (null reason and time for a released hold). */
    void updateRevocation(String serialHex, CertificateStatus status, String reason, Instant revokedAt);

    /** Certificates matching {@code search}, at most {@code search.limit()}, ordered by serial number. */
    List<CertificateRecord> search(CertificateSearch search, Instant now);

    /**
     * Revokes up to {@code limit} valid, unexpired certificates of {@code issuerId} with
     * {@code reason} and returns their serial numbers (empty when none is left). Rows another
     * transaction holds are skipped rather than waited for, so one batch never blocks for long.
     */
    List<String> revokeValidBatch(String issuerId, String reason, Instant revokedAt, int limit);

    /** Links a renewal to the certificate it replaces (at most one successor per certificate). */
    void linkRenewal(String serialHex, String replacesSerialHex);

    /** The serial of the certificate that renewed {@code serialHex}, if any. */
    Optional<String> successorOf(String serialHex);

    /**
     * Serials of valid, unexpired certificates that were renewed by a certificate issued before
     * {@code renewedBefore}: their grace period is over and they are to be marked superseded.
     */
    List<String> renewedBefore(Instant renewedBefore, Instant now, int limit);

    /**
     * Marks up to {@code limit} valid certificates whose notAfter is before {@code now} as expired
     * and returns how many it marked. Rows another node is marking are skipped, not waited for.
     */
    int markExpired(Instant now, int limit);
}
