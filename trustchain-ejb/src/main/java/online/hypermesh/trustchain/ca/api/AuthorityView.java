package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/**
 * A CA as the API lists it. {@code region} and {@code parent} are null for the root.
 *
 * @param issuanceStoppedAt when revoke-all or its revocation stopped its issuance for good; null while it may issue
 * @param issuanceStoppedBy who stopped it, and why; null while it may issue
 */
public record AuthorityView(String id, String parent, String subject, String region, String keyAlgorithm,
                            String serialNumber, Instant notBefore, Instant notAfter, String status, Instant issuanceStoppedAt,
                            String issuanceStoppedBy) {
}
