package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;

/**
 * Fired (CDI event) inside the issuing transaction. Listeners that publish elsewhere (DNS TLSA,
 * CRL caches, SIEM) observe it with {@code during = TransactionPhase.AFTER_SUCCESS}, so they
 * never publish a certificate whose transaction rolled back.
 *
 * @param der the certificate
 */
public record CertificateIssued(String serialHex, String issuerId, String profile, List<String> names, byte[] der, Instant notAfter) {
    public CertificateIssued {
        names = List.copyOf(names);
    }
}
