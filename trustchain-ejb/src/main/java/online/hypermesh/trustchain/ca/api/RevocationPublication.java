package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** What relying parties fetch about revocation: CRLs and OCSP answers. */
@Local
public interface RevocationPublication {
    /**
     * The largest DER OCSPRequest answered, so the edge stops reading a larger body: the
     * responder's own limit (core's OcspResponder.MAX_REQUEST_BYTES, which a test holds equal to
     * this; the api cannot name it, since its jar is all the web tier has).
     */
    int MAX_OCSP_REQUEST_BYTES = 8 * 1024;
    /** The latest full CRL of {@code authorityId}; NOT_FOUND for an unknown authority, UNAVAILABLE before the first CRL. */
    PublishedCrl latestCrl(String authorityId);

    /** The latest delta CRL of {@code authorityId} (RFC 5280 5.2.4); errors as for {@link #latestCrl}. */
    PublishedCrl latestDeltaCrl(String authorityId);

    /** The DER OCSPResponse for a DER OCSPRequest (RFC 6960); bad input gets an OCSP error status, never an exception. */
    byte[] ocsp(byte[] request);

    /** {@link #ocsp}, with the times an HTTP cache needs to keep the answer (for GET, RFC 5019 6.2). */
    OcspAnswer ocspForHttpCaches(byte[] request);

    /** The DER OCSPResponse with status malformedRequest, for requests the HTTP layer already refuses. */
    byte[] malformedOcspRequest();
}
