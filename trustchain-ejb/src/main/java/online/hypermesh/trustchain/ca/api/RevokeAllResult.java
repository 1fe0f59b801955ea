package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/**
 * What a revoke-all did, counted from the database when it ended. {@code revoked + alreadyRevoked
 * + notRevoked == total}, and after a complete run nothing of the issuer is valid and unexpired.
 *
 * @param issuanceStoppedAt when the issuer's issuance was stopped (by this run or an earlier one)
 * @param revoked           revoked by this run (certificates on hold included: their hold became final)
 * @param alreadyRevoked    revoked before or beside this run (by an earlier, interrupted run or another caller)
 * @param notRevoked        expired certificates, which are not revoked
 * @param total             every certificate of the issuer, precertificate-only ones included
 * @param batches           transactions this run committed that revoked something
 */
public record RevokeAllResult(String issuer, String reason, Instant issuanceStoppedAt, long revoked, long alreadyRevoked,
                              long notRevoked, long total, int batches) {
}
