package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Local;

/**
 * An existing enterprise CA's certificates (its root and intermediates) imported as a trust anchor
 * for purposes {@code ct} (the CT log accepts chains to its root), {@code client-auth} (its client
 * certificates authenticate on the API as the account their URI SAN is bound to) and
 * {@code cross-certification}.
 * Changes need the admin role, reads admin or auditor. Each change commits with its audit event;
 * a refused import stores nothing.
 */
@Local
public interface TrustAnchors {

    /**
     * Validates and stores a PEM bundle (one self-signed root and intermediates chaining to it,
     * all CA certificates, all valid now). MALFORMED_REQUEST or POLICY_VIOLATION naming the
     * problem; CONFLICT if an active anchor has the same root.
     */
    TrustAnchorView importAnchor(String name, String pemBundle, List<String> purposes, Caller caller);

    List<TrustAnchorView> list(Caller caller);

    TrustAnchorView get(long id, Caller caller);

    /** Deactivates the anchor (it then serves no purpose); repeating it changes nothing. */
    TrustAnchorView deactivate(long id, Caller caller);

    /**
     * @param status       {@code active} or {@code inactive}
     * @param subject      the root's subject
     * @param fingerprint  lower-case hex SHA-256 of the root's DER
     */
    record TrustAnchorView(long id, String name, String status, List<String> purposes, String subject, String fingerprint,
                           List<AnchorCertificateView> certificates, List<CrossCertificateView> crossCertificates, Instant importedAt,
                           String importedBy, Instant deactivatedAt, String deactivatedBy) {
    }

    /** @param role {@code root} or {@code intermediate}; {@code certificate} is PEM */
    record AnchorCertificateView(String role, String subject, String issuer, String fingerprint, Instant notBefore, Instant notAfter,
                                 String certificate) {
    }

    /**
     * @param direction    {@code issued}: by this CA's root for the anchor's root; {@code received}: by the enterprise for ours
     * @param serialNumber this CA's serial for an issued one (GET /api/v1/ca/certificates/{serial}), else the enterprise's
     * @param certificate  PEM
     */
    record CrossCertificateView(long id, long trustAnchor, String direction, String serialNumber, String subject, String issuer,
                                Instant notBefore, Instant notAfter, String certificate) {
    }
}
