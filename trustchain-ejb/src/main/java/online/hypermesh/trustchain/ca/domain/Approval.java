package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;

/**
 * One request for an action that needs a second officer, and its decision.
 *
 * @param requestedBy    the requesting account (the identity the approver is compared with)
 * @param requestedRoles the requester's roles at request time (API names), for the record: the action is carried
 *                       out with the account's roles at approval time
 * @param summary        one human-readable line, e.g. "revoke 5c1e… (keyCompromise)"
 * @param request        everything needed to carry the action out later (action-specific; strings, numbers, lists, maps)
 * @param decidedBy      who approved or refused it; null while pending
 * @param reason         a refusal's reason, or the problem that made an approved action fail
 * @param result         what carrying it out produced (e.g. the serial issued), or the failure's kind; null otherwise
 */
public record Approval(long id, ApprovalAction action, ApprovalStatus status, String requestedBy, Set<String> requestedRoles,
                       Instant requestedAt, String summary, Map<String, Object> request, String decidedBy, Instant decidedAt,
                       String reason, Map<String, Object> result) {

    public Approval {
        requestedRoles = Set.copyOf(requestedRoles);
        // Sorted, so the API shows a request's fields in the same order every time.
        request = Collections.unmodifiableMap(new TreeMap<>(request));
        result = result == null ? null : Collections.unmodifiableMap(new TreeMap<>(result));
    }
}
