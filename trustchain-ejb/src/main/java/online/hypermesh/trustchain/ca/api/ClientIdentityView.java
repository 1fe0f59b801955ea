package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/** A client-identity binding. {@code status}: active or removed. */
public record ClientIdentityView(long id, String identifier, Instant createdAt, String createdBy, Instant removedAt, String removedBy,
                                 String status) {
}
