package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** Reads issued certificates. */
@Local
public interface CertificateQueries {
    /** NOT_FOUND if no certificate has this serial (lower- or upper-case hex). */
    CertificateDetails find(String serialHex);

    /** Lists certificates by subject, SAN, status, issuer and expiry window, a page at a time. */
    CertificatePage search(CertificateSearchQuery query);
}
