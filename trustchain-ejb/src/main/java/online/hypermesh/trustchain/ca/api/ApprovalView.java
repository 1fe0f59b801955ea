package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.Map;

/**
 * One four-eyes approval as the API shows it (GET /api/v1/approvals/{id}).
 *
 * @param action  revoke, revoke-all, root-rollover, account-scopes or issuance
 * @param status  pending, approved, refused or failed
 * @param summary one human-readable line
 * @param request the stored request, action-specific (e.g. serial and reason; CSR, profile, validity)
 * @param reason  a refusal's reason, or the problem that made an approved action fail; null otherwise
 * @param result  what carrying it out produced (e.g. {"serial": ...}), or {"error": kind} when it failed; null while pending
 */
public record ApprovalView(long id, String action, String status, String requestedBy, Instant requestedAt, String summary,
                           Map<String, Object> request, String decidedBy, Instant decidedAt, String reason, Map<String, Object> result) {
}
