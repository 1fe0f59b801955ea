package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;

/** An account as the API shows it; never a token. */
public record AccountView(String name, List<String> roles, List<ScopeView> scopes, List<String> profiles,
                          List<String> regions, Integer maxValidityHours, boolean enabled, Instant createdAt,
                          Instant updatedAt) {
}
