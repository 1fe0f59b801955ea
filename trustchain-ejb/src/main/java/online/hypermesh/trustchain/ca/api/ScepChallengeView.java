package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/** A new SCEP challenge password: shown once, only its SHA-256 is stored. */
public record ScepChallengeView(String challenge, String account, Instant expiresAt) {
}
