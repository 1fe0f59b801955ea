package online.hypermesh.trustchain.ca.api;

import java.util.List;

/**
 * What an administrator sends to create or change an account. On create, {@code name} and
 * {@code roles} are required and absent lists mean none; on change, null means "keep".
 */
public record AccountSpec(String name, List<String> roles, List<ScopeView> scopes, List<String> profiles,
                          List<String> regions, Integer maxValidityHours, boolean clearMaxValidity) {
}
