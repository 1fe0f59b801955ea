package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/**
 * A certificate search as the API receives it; null fields are not filtered on.
 *
 * @param status    "valid", "revoked" or "expired"
 * @param pageToken the {@code next_page_token} of the previous page
 * @param limit     page size; null means 100, at most 1000
 * @param stage     "precertificate" (only the precertificate exists) or "final"
 */
public record CertificateSearchQuery(String subject, String name, String status, String issuer, Instant expiresAfter,
                                     Instant expiresBefore, String pageToken, Integer limit, String stage) {
}
