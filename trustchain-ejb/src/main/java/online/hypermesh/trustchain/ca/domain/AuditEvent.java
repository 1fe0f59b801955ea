package online.hypermesh.trustchain.ca.domain;

import java.util.Map;

/**
 * Something that happened and who did it. {@code details} are small, non-secret key/value pairs
 * (never a token or key material).
 */
public record AuditEvent(String actor, String action, String objectType, String objectId, Map<String, String> details) {
    public AuditEvent {
        details = Map.copyOf(details);
    }
}
