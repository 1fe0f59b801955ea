package online.hypermesh.trustchain.ca.api;

import java.util.Map;

/**
 * Health of this node: UP when every check passes.
 *
 * @param checks check name to a short status text: "UP", "UP: state" (e.g. the CT log's "UP: following, ...")
 *               or "DOWN: why"
 */
public record HealthReport(boolean up, Map<String, String> checks) {
}
