package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;

/**
 * Fired (CDI event) inside the transaction that revoked a certificate or released a hold.
 * Observe with {@code during = TransactionPhase.AFTER_SUCCESS} to act only on committed changes.
 *
 * @param reason    the RFC 5280 reason name, or null when a hold was released
 * @param revokedAt null when a hold was released
 * @param delegated an external CA issued the certificate ({@code issuerId} is its name): no CRL of ours lists it
 */
public record CertificateStatusChanged(String serialHex, String issuerId, CertificateStatus status, String reason, Instant revokedAt,
                                       boolean delegated) {
    /** A change of one of TrustChain's own certificates. */
    public CertificateStatusChanged(String serialHex, String issuerId, CertificateStatus status, String reason, Instant revokedAt) {
        this(serialHex, issuerId, status, reason, revokedAt, false);
    }
}
