package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;

/**
 * One certificate and its status (API.md: valid, revoked, expired), with its renewal links.
 *
 * @param replaces   the serial of the certificate this one renewed, or null
 * @param renewedBy  the serial of the certificate that renewed this one, or null
 */
public record CertificateDetails(String serialNumber, String status, String issuer, String profile, String subject,
                                 List<String> names, Instant notBefore, Instant notAfter, String revocationReason,
                                 Instant revokedAt, String certificate, String replaces, String renewedBy) {
}
