package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;

/**
 * Criteria for listing certificates; every field is optional (null). Results are ordered by
 * serial number and paged by keyset: {@code afterSerial} is the last serial of the previous page.
 *
 * @param subjectContains case-insensitive substring of the subject DN
 * @param name            exact SAN value (DNS name, IP address text, URI)
 * @param status          the status as a reader sees it: a valid row past notAfter counts as expired
 * @param expiresAfter    notAfter at or after this instant
 * @param expiresBefore   notAfter before this instant (with expiresAfter: an expiry window)
 * @param stage           only rows that got this far (a precertificate without its final certificate, or a final one)
 */
public record CertificateSearch(String subjectContains, String name, CertificateStatus status, String issuerId,
                                Instant expiresAfter, Instant expiresBefore, String afterSerial, int limit, IssuanceStage stage) {
}
