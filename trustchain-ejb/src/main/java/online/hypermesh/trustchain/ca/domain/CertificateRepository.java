package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Issued certificates (written by {@link IssuanceJournal}) and their status. Writes join the
 * caller's transaction, so a status change and its audit event commit together. A row exists
 * from the moment the precertificate is stored; {@link CertificateRecord#der()} is null until the
 * final certificate is.
 */
public interface CertificateRepository {

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
