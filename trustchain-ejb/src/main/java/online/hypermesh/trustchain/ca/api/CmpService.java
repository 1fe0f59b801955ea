package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/**
 * CMP (RFC 4210 / RFC 9810, Lightweight CMP Profile RFC 9483) for the web edge: the edge passes
 * each request's body as it came and sends back the reply as it is. Requests are authenticated by
 * their password-based MAC with a shared secret bound to a TrustChain account, which is then the
 * caller; every refusal is a CMP error message, never an exception.
 */
@Local
public interface CmpService {
    /** The reply to one DER PKIMessage (RFC 6712: the body of a POST of type application/pkixcmp). */
    CmpReply handle(byte[] request);
}
