package online.hypermesh.trustchain.ca.api;

import java.util.Map;

/**
 * Health of this node: UP when every check passes.
 *
 * @param checks check name to a short status text, "UP" or "DOWN: why"
 */
public record HealthReport(boolean up, Map<String, String> checks) {
}
