package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;

import online.hypermesh.trustchain.core.policy.Authorization;

/**
 * A row of account: who may call, with which roles (lower-case names: admin, officer, issuer,
 * auditor, emergency), and what it may be issued.
 */
public record Account(long id, String name, List<String> roles, Authorization authorization, boolean enabled,
                      boolean defaultScopesPending, Instant createdAt, Instant updatedAt) {
    public Account {
        roles = List.copyOf(roles);
    }

    public Account with(List<String> newRoles, Authorization newAuthorization, boolean newEnabled, Instant now) {
        return new Account(id, name, newRoles, newAuthorization, newEnabled, false, createdAt, now);
    }
}
