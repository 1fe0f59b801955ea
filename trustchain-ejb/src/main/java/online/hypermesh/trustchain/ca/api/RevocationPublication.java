package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

import online.hypermesh.trustchain.core.revocation.OcspResponder;

/** What relying parties fetch about revocation: CRLs and OCSP answers. */
@Local
public interface RevocationPublication {
    /**
     * The largest DER OCSPRequest answered; the edge stops reading a larger body. A compile-time
     * constant, so this interface's class file (and the web tier) carries the value, not a
     * reference to the responder.
     */
    int MAX_OCSP_REQUEST_BYTES = OcspResponder.MAX_REQUEST_BYTES;
    /** The latest full CRL of {@code authorityId}; NOT_FOUND for an unknown authority, UNAVAILABLE before the first CRL. */
    PublishedCrl latestCrl(String authorityId);

    /** The latest delta CRL of {@code authorityId} (RFC 5280 5.2.4); errors as for {@link #latestCrl}. */
    PublishedCrl latestDeltaCrl(String authorityId);

    /** The DER OCSPResponse for a DER OCSPRequest (RFC 6960); bad input gets an OCSP error status, never an exception. */
    byte[] ocsp(byte[] request);

    /** The DER OCSPResponse with status malformedRequest, for requests the HTTP layer already refuses. */
    byte[] malformedOcspRequest();
}
