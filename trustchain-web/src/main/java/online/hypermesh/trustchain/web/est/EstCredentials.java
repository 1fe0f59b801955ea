package online.hypermesh.trustchain.web.est;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Who an EST request is (RFC 7030 3.2.3, 3.3.2): HTTP Basic whose user is an account's name and
 * whose password is one of that account's API tokens, or, without an Authorization header, the TLS
 * client certificate bound to an account (the existing mutual-TLS credential). A token is already
 * a revocable, expiring, hashed-at-rest secret with the account's allowlist and rate limit, so EST
 * gets no password store of its own; naming the account as the user lets a mix-up fail loudly.
 */
final class EstCredentials {
    static final String REALM = "trustchain-est";
    private static final String CLIENT_CHAIN_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private EstCredentials() {
    }

    /** The verified TLS client certificate, or null. */
    static X509Certificate clientCertificate(HttpServletRequest request) {
        return request.getAttribute(CLIENT_CHAIN_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0 ? chain[0] : null;
    }

    /** Basic if the request sends an Authorization header, else the TLS client certificate; UNAUTHORIZED for neither. */
    static Caller basicOrCertificate(Authenticator authenticator, HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            return basic(authenticator, header, request.getRemoteAddr());
        }
        X509Certificate certificate = clientCertificate(request);
        if (certificate != null) {
            return authenticator.authenticate(certificate, request.getRemoteAddr());
        }
        throw new NoCredentials();
    }

    /**
     * A request with no credential at all: the 401 that challenges for Basic (RFC 7617), with an empty
     * body, since Bouncy Castle's EST client refuses to answer a challenge whose body it did not read.
     */
    static final class NoCredentials extends RuntimeException {
        NoCredentials() {
            super("send HTTP Basic (user: the account's name, password: one of its API tokens) or a TLS client certificate bound to"
                    + " the account", null, false, false);
        }
    }

    /** The TLS client certificate's account; UNAUTHORIZED without one (re-enrollment and server key generation need it). */
    static Caller certificate(Authenticator authenticator, HttpServletRequest request, String why) {
        X509Certificate certificate = clientCertificate(request);
        if (certificate == null) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, why);
        }
        return authenticator.authenticate(certificate, request.getRemoteAddr());
    }

    /**
     * For re-enrollment: the TLS client certificate's account, as a bound credential or else as the account
     * this CA issued it to (RFC 7030 4.2.2: the certificate being renewed authenticates the renewal).
     */
    static Caller holder(Authenticator authenticator, HttpServletRequest request, String why) {
        X509Certificate certificate = clientCertificate(request);
        if (certificate == null) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, why);
        }
        return authenticator.authenticateHolder(certificate, request.getRemoteAddr());
    }

    private static Caller basic(Authenticator authenticator, String header, String remoteAddress) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "EST takes 'Authorization: Basic'; the user is the account's name,"
                    + " the password one of its API tokens");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "the Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "the Basic credentials need 'account:token'");
        }
        String user = decoded.substring(0, colon);
        String token = decoded.substring(colon + 1);
        Caller caller = authenticator.authenticate(token, remoteAddress)
                .orElseThrow(() -> new TrustChainException(ErrorKind.UNAUTHORIZED, "the Basic password is no valid token of account '" + user + "'"));
        if (!caller.name().equals(user)) {
            // Same answer as an unknown token: the reply must not tell whose token it was.
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "the Basic password is no valid token of account '" + user + "'");
        }
        return caller;
    }
}
