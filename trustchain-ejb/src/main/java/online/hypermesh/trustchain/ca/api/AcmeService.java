package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/**
 * ACME (RFC 8555) for the web edge: the edge passes each request as it came (the URL base it was
 * sent to, the body), and sends back the reply as it is, problem documents included. Requests are
 * authenticated by their JWS, not by a bearer token: the account that signed decides the caller,
 * which is the TrustChain account its external account binding named.
 */
@Local
public interface AcmeService {
    /** The resources of the ACME server, each a path under {@code /acme/}. */
    enum Endpoint {
        NEW_ACCOUNT, NEW_ORDER, REVOKE_CERT, KEY_CHANGE, ACCOUNT, ACCOUNT_ORDERS, ORDER, FINALIZE, AUTHORIZATION, CHALLENGE,
        CERTIFICATE
    }

    /** The directory (7.1.1); {@code baseUrl} is {@code https://host:port/acme/}. */
    AcmeReply directory(String baseUrl);

    /** A fresh nonce (7.2): 200 for HEAD, 204 for GET. */
    AcmeReply newNonce(String baseUrl, boolean head);

    /**
     * A POST to {@code endpoint} ({@code id}: the account, order, authorization, challenge or
     * certificate it names, else null) with its {@code application/jose+json} body.
     */
    AcmeReply post(Endpoint endpoint, String id, String baseUrl, String contentType, String body);

    /**
     * A new external account binding key for the TrustChain account {@code accountName}: the
     * reply holds the MAC key, which is shown only this once. Administrators only.
     */
    EabKeyView createEabKey(String accountName, Caller caller);
}
