package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/** The issuance switch as the API shows it. */
public record IssuanceSwitchView(boolean enabled, String reason, String changedBy, Instant changedAt) {
}
