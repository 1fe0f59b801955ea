package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/**
 * ACME Renewal Information (RFC 9773) for the web edge: when the holder of a certificate this CA
 * issued should renew it. Unauthenticated by design (RFC 9773 4.3: a plain GET), and it tells
 * nothing OCSP does not: the certificate's window follows from its validity and status.
 */
@Local
public interface AcmeRenewalInfo {
    /**
     * The RenewalInfo object for {@code certId} (RFC 9773 4.1's base64url(AKI keyIdentifier) "."
     * base64url(serial)), with Retry-After; a 404 problem document if this CA issued no such
     * certificate, a 400 one if the identifier is malformed. {@code baseUrl} is {@code https://host:port/acme/}.
     */
    AcmeReply renewalInfo(String baseUrl, String certId);
}
