package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Issued certificates (written by {@link IssuanceJournal}) and their status. Writes join the
 * caller's transaction, so a status change and its audit event commit together. A row exists
 * from the moment the precertificate is stored; {@link CertificateRecord#der()} is null until the
 * final certificate is. Every status change the CRLs show also records, in its own transaction,
 * that the issuer's CRLs need re-signing.
 */
public interface CertificateRepository {

    Optional<CertificateRecord> find(String serialHex);

    /** The certificate, locked for update until the caller's transaction ends (revocation reads, then writes). */
    Optional<CertificateRecord> findForUpdate(String serialHex);

    /**
     * Sets status, reason and revocation time (null reason and time for a released hold), and
     * records in the same transaction that the issuer's CRLs need re-signing (see
     * {@link RevocationStore#authoritiesToResign}), so a crash after the commit cannot lose it.
     */
    void updateRevocation(String serialHex, CertificateStatus status, String reason, Instant revokedAt);

    /** Certificates matching {@code search}, at most {@code search.limit()}, ordered by serial number. */
    List<CertificateRecord> search(CertificateSearch search, Instant now);

    /**
     * Revokes up to {@code limit} certificates of {@code issuerId} that are valid or on hold and
     * not expired at {@code revokedAt}, with {@code reason} (a hold keeps its revocation time), and
     * returns their serial numbers, lowest first; empty when none is left. Rows another
     * transaction holds are waited for, never skipped, so an empty batch means that no such
     * certificate was left when the batch ran. Records in the same transaction that the issuer's
     * CRLs need re-signing.
     */
    List<String> revokeBatch(String issuerId, String reason, Instant revokedAt, int limit);

    /** How the certificates of {@code issuerId} stand at {@code now}, read in one statement. */
    IssuerCounts countsOf(String issuerId, Instant now);

    /**
     * @param total             every certificate row of the issuer (precertificate-only rows included)
     * @param revoked           revoked with a final reason
     * @param revocable         valid or on hold and not expired: what a revoke-all would still revoke
     */
    record IssuerCounts(long total, long revoked, long revocable) {
    }

    /** The serial of the certificate that renewed {@code serialHex}, if any. */
    Optional<String> successorOf(String serialHex);

    /** Who requested the certificate {@code serialHex} (the account name its issuance request recorded), if it is known. */
    Optional<String> requesterOf(String serialHex);

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
