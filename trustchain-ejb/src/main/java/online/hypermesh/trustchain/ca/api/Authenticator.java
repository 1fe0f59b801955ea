package online.hypermesh.trustchain.ca.api;

import java.security.cert.X509Certificate;
import java.util.Optional;

import jakarta.ejb.Local;

/** Maps a credential (a bearer token or a TLS client certificate) to a caller. */
@Local
public interface Authenticator {
    /** The caller for this token, or empty if it is unknown or revoked. Ignores the account's allowlist. */
    Optional<Caller> authenticate(String bearerToken);

    /**
     * The caller for this token sent from {@code remoteAddress} (an IP literal as the container
     * reports it), or empty if the token is unknown or revoked.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException FORBIDDEN if the account's
     *         allowlist excludes the address; the refusal is audited (request.refused.origin)
     */
    Optional<Caller> authenticate(String bearerToken, String remoteAddress);

    /**
     * The caller a TLS client certificate authenticates, sent from {@code remoteAddress}. The TLS
     * layer has verified the chain to one of this CA's authorities and the key; this decides from
     * the CA's records whether the certificate is a credential and of which account.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException UNAUTHORIZED with the
     *         reason if it is none (unknown, revoked, expired, not for clientAuth, not bound, or
     *         issued before its binding); FORBIDDEN if the account's allowlist excludes the address
     */
    Caller authenticate(X509Certificate clientCertificate, String remoteAddress);

    /**
     * The caller a TLS client certificate authenticates for renewing itself (EST simplereenroll,
     * RFC 7030 4.2.2): the account it authenticates as a credential (see above) if it is one,
     * otherwise the enabled account it was issued to. Either way it must be exactly a certificate
     * this CA issued, with clientAuth, valid now and not revoked or on hold; the account's
     * allowlist applies. Only for renewing that certificate: it is no credential for anything else.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException UNAUTHORIZED with the
     *         reason if it is neither; FORBIDDEN if the account's allowlist excludes the address
     */
    Caller authenticateHolder(X509Certificate clientCertificate, String remoteAddress);
}
