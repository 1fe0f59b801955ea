package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/** A bearer token's record, never its secret. {@code status}: active, expired or revoked. */
public record TokenView(long id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt, String status) {
}
