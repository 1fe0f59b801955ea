package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;

/**
 * The emergency issuance switch as stored: one value for the whole CA, shared by every node.
 *
 * @param reason why it was last changed, as the operator said; may be null
 */
public record IssuanceSwitch(boolean enabled, String reason, String changedBy, Instant changedAt) {
}
