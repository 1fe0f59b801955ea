package online.hypermesh.trustchain.ca.api;

/** What a revoke-all did: how many certificates it revoked, in how many transactions. */
public record RevokeAllResult(String issuer, String reason, int revoked, int batches) {
}
