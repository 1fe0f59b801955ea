package online.hypermesh.trustchain.web.security;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The API's credential, the same for REST under /api/ and SOAP under /ws/: a bearer token in the
 * Authorization header (it wins), else the TLS client certificate the listener asked for (mutual
 * TLS: the handshake proved its chain to this CA and its key; the authenticator decides whether it
 * is an account's), from the TCP peer's address for the account's allowlist. One place, so the two
 * APIs cannot come to disagree about who a request is.
 */
public final class ApiCredentials {
    /** Where a servlet container leaves the client's verified chain, leaf first (Servlet 6.0, 3.10). */
    private static final String CLIENT_CHAIN_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private ApiCredentials() {
    }

    /** Whether the request carries a credential at all (an Authorization header or a client certificate). */
    public static boolean present(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || clientCertificate(request) != null;
    }

    /**
     * The caller of {@code request}.
     *
     * @throws TrustChainException UNAUTHORIZED without a credential or with an unknown one; FORBIDDEN if the
     *         account's allowlist excludes the address
     */
    public static Caller authenticate(Authenticator authenticator, HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        X509Certificate certificate = clientCertificate(request);
        if (header == null && certificate != null) {
            return authenticator.authenticate(certificate, request.getRemoteAddr());
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "send 'Authorization: Bearer <token>' or a TLS client certificate bound to"
                    + " an account; the initial administrator token is in <data-dir>/admin-token");
        }
        return authenticator.authenticate(header.substring(7).trim(), request.getRemoteAddr())
                .orElseThrow(() -> new TrustChainException(ErrorKind.UNAUTHORIZED, "the bearer token is unknown or revoked"));
    }

    private static X509Certificate clientCertificate(HttpServletRequest request) {
        return request.getAttribute(CLIENT_CHAIN_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0 ? chain[0] : null;
    }
}
