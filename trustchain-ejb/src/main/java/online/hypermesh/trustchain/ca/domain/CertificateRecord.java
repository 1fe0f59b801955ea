package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;

/**
 * An issued certificate as stored.
 *
 * @param serialHex         lower-case hex
 * @param der               the final certificate, or null while only the precertificate exists
 * @param replacesSerialHex the certificate this one renewed, or null
 * @param precertificateDer the precertificate stored before it was logged (null for rows from before V8)
 * @param externalCa        the external CA that issued this delegated certificate (then {@code issuerId} is its name too),
 *                          or null for TrustChain's own
 */
public record CertificateRecord(String serialHex, String issuerId, Long requestId, String profile, String subject,
                                List<String> names, Instant notBefore, Instant notAfter, CertificateStatus status,
                                String revocationReason, Instant revokedAt, byte[] der, Instant issuedAt,
                                String replacesSerialHex, byte[] precertificateDer, String externalCa) {
    public CertificateRecord {
        names = List.copyOf(names);
    }

    /** Whether an external CA issued this certificate (delegated issuance): TrustChain neither signed it nor answers for its status. */
    public boolean delegated() {
        return externalCa != null;
    }

    /** How far issuance got for this serial. */
    public IssuanceStage stage() {
        return der == null ? IssuanceStage.PRECERTIFICATE : IssuanceStage.FINAL;
    }
}
