package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/** A CA as the API lists it. {@code region} and {@code parent} are null for the root. */
public record AuthorityView(String id, String parent, String subject, String region, String keyAlgorithm,
                            String serialNumber, Instant notBefore, Instant notAfter, String status) {
}
