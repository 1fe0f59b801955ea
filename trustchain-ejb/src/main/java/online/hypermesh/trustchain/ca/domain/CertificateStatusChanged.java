package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;

/**
 * Fired (CDI event) inside the transaction that revoked a certificate or released a hold.
 * Observe with {@code during = TransactionPhase.AFTER_SUCCESS} to act only on committed changes.
 *
 * @param reason    the RFC 5280 reason name, or null when a hold was released
 * @param revokedAt null when a hold was released
 */
public record CertificateStatusChanged(String serialHex, String issuerId, CertificateStatus status, String reason, Instant revokedAt) {
}
