package online.hypermesh.trustchain.ca.api;

import java.util.List;

import jakarta.ejb.Local;

/**
 * Cross-certification between this CA's root and an enterprise root imported as a trust anchor
 * with purpose {@code cross-certification}, both ways. Admin role only (a second approver, four
 * eyes, is planned). Each signing commits with its audit event.
 */
@Local
public interface CrossCertificates {

    /**
     * This CA's root certifies the anchor's root: a cross certificate with the root's subject and
     * key, basicConstraints cA with {@code pathLength} (null: 1), and the permitted subtrees given
     * (empty: no name constraints), stored as a certificate of the root.
     */
    TrustAnchors.CrossCertificateView issue(long trustAnchorId, Integer pathLength, List<String> permittedSubtrees, Caller caller);

    /** A PEM PKCS#10 request for this CA's root key, signed by it, for an enterprise CA to sign. */
    String certificationRequest(Caller caller);

    /**
     * Stores the cross certificate the anchor's CA issued for this CA's root, after checking that
     * it certifies our root's key and subject and verifies under the anchor.
     */
    TrustAnchors.CrossCertificateView importReceived(long trustAnchorId, byte[] certificate, Caller caller);
}
