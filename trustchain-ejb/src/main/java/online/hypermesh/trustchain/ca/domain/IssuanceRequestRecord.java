package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;

/** A request as received, stored for the record whether or not issuance succeeds. */
public record IssuanceRequestRecord(byte[] csr, String profile, Integer requestedValidityHours, String region,
                                    String requestedBy, Instant receivedAt) {
}
