package online.hypermesh.trustchain.ca.api;

import java.util.Optional;

import jakarta.ejb.Local;

/** Maps a bearer token to a caller. */
@Local
public interface Authenticator {
    /** The caller for this token, or empty if it is unknown or revoked. */
    Optional<Caller> authenticate(String bearerToken);
}
