package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;

/**
 * One certificate and its status (API.md: valid, revoked, expired), with its renewal links.
 *
 * @param certificate    the final certificate (PEM), or null while only the precertificate exists
 * @param replaces       the serial of the certificate this one renewed, or null
 * @param renewedBy      the serial of the certificate that renewed this one, or null
 * @param stage          "final" once the certificate is stored; "precertificate" while only the precertificate exists
 *                       (issuance in flight, or stopped before the final certificate: still revocable, OCSP answers for it)
 * @param precertificate the precertificate (PEM) that was logged to CT, or null for certificates issued before it was stored
 * @param delegatedTo    the external CA that issued this certificate (delegated issuance; {@code issuer} names it too), or
 *                       null for TrustChain's own. Its CRL and OCSP are the external CA's, not TrustChain's
 */
public record CertificateDetails(String serialNumber, String status, String issuer, String profile, String subject,
                                 List<String> names, Instant notBefore, Instant notAfter, String revocationReason,
                                 Instant revokedAt, String certificate, String replaces, String renewedBy, String stage,
                                 String precertificate, String delegatedTo) {
}
