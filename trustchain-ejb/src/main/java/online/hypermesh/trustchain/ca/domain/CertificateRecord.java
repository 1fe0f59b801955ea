package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;

/**
 * An issued certificate as stored.
 *
 * @param serialHex lower-case hex
 * @param der       the certificate
 * @param replacesSerialHex the certificate this one renewed, or null
 */
public record CertificateRecord(String serialHex, String issuerId, Long requestId, String profile, String subject,
                                List<String> names, Instant notBefore, Instant notAfter, CertificateStatus status,
                                String revocationReason, Instant revokedAt, byte[] der, Instant issuedAt,
                                String replacesSerialHex) {
    public CertificateRecord {
        names = List.copyOf(names);
    }
}
