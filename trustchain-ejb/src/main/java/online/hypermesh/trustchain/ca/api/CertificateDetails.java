package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;

/** One certificate and its status (API.md: valid, revoked, expired). */
public record CertificateDetails(String serialNumber, String status, String issuer, String profile, String subject,
                                 List<String> names, Instant notBefore, Instant notAfter, String revocationReason,
                                 Instant revokedAt, String certificate) {
}
