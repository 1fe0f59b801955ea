package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;

/** A reservation whose issuance stopped after step 1: its precertificate is stored, its certificate is not. */
public record UnfinishedIssuance(String serialHex, String issuerId, Instant reservedAt, byte[] precertificateDer) {
}
