package online.hypermesh.trustchain.ca.api;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

import jakarta.ejb.Local;

/**
 * The web console's sessions: a browser signs in once with a bearer token or its TLS client
 * certificate and from then on sends only an opaque session id (an HttpOnly cookie) and the
 * session's CSRF token (a header), so no credential ever sits in the page's storage. The session
 * keeps the credential on the server and every use authenticates it again, so a revoked token,
 * a disabled account, a changed allowlist or a revoked certificate ends the session at once.
 */
@Local
public interface ConsoleSessions {
    /**
     * A live session as the browser holds it: {@code id} goes in the cookie, {@code csrfToken} in
     * the header of every state-changing request. (Not named Session: the ejb-client jar leaves
     * out every *Session.class.)
     */
    record Active(String id, String csrfToken, Caller caller, Duration idleTimeout) {
    }

    /**
     * Signs in with a bearer token.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException UNAUTHORIZED if the token is
     *         no credential; FORBIDDEN if the account's allowlist excludes the address or it may use no console role
     */
    Active openWithToken(String bearerToken, String remoteAddress);

    /** Signs in with a TLS client certificate; refusals as {@link Authenticator#authenticate(X509Certificate, String)}. */
    Active openWithCertificate(X509Certificate clientCertificate, String remoteAddress);

    /**
     * The session with this id, its credential authenticated again and its idle clock restarted;
     * empty if there is none or it was idle longer than the timeout (then it is gone).
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException as signing in would now
     *         (the session is closed first)
     */
    Optional<Active> resume(String id, String remoteAddress);

    /** Signs out: the session is gone on this node. Unknown ids are ignored. */
    void close(String id);
}
