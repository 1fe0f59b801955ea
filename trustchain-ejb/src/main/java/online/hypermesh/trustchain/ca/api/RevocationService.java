package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** Revokes certificates and releases holds. */
@Local
public interface RevocationService {
    /**
     * Revokes {@code serialHex} for an RFC 5280 reason (its API name, e.g. "keyCompromise"). The
     * status change and its audit event commit together. A certificate on hold (certificateHold)
     * may be revoked again for a final reason, or released with "removeFromCRL"; anything else
     * already revoked, an expired certificate, an unknown serial or reason is an error that changes nothing.
     */
    CertificateDetails revoke(String serialHex, String reason, Caller caller);
}
