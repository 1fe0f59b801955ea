package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** Revoking an intermediate CA (admin token), listed on its parent's CRL and answered by its parent's OCSP. */
@Local
public interface AuthorityRevocationService {
    /**
     * Revokes intermediate {@code authorityId} with {@code reason} (RFC 5280 5.3.1 name, final,
     * not unspecified): stops its issuance (issuances in flight included), marks it revoked, and
     * re-signs its parent's CRLs before returning. NOT_FOUND for an unknown id, CONFLICT if it is
     * revoked already, MALFORMED_REQUEST for a missing, unknown or non-final reason, POLICY for the root.
     */
    AuthorityView revoke(String authorityId, String reason, Caller caller);
}
