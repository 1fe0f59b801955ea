package online.hypermesh.trustchain.ca.api;

import java.util.Optional;

import jakarta.ejb.Local;

/** Maps a bearer token to a caller. */
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
}
