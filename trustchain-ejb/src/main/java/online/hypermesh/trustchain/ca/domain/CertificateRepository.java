package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Issued certificates, their requests and serial reservations. Every write joins the caller's
 * transaction, so a certificate, its request, its serial and its audit event commit together.
 */
public interface CertificateRepository {

    /** Claims {@code serialHex} for {@code issuerId}; false if the serial already exists (retry with another). */
    boolean reserveSerial(String serialHex, String issuerId, Instant at);

    long saveRequest(IssuanceRequestRecord request);

    /** Stores the certificate and marks its serial reservation issued. */
    void saveCertificate(CertificateRecord certificate);

    Optional<CertificateRecord> find(String serialHex);
}
