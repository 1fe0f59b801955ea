package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;

/**
 * Whether one authority may issue, as stored on its row: its status, and the stop that revoke-all
 * or its own revocation put on it.
 *
 * @param stoppedAt when its issuance was stopped, or null while it issues
 * @param stoppedBy who stopped it, or null
 * @param reason    why, as the operator said; may be null
 */
public record AuthorityIssuance(String authorityId, AuthorityStatus status, Instant stoppedAt, String stoppedBy, String reason) {
    public boolean stopped() {
        return stoppedAt != null || status == AuthorityStatus.REVOKED;
    }
}
