package online.hypermesh.trustchain.ca.api;

/** An authenticated caller: the token's name (for the audit trail) and its role. */
public record Caller(String name, Role role) {
    public enum Role {
        /** Everything, including managing tokens. */
        ADMIN,
        /** Issue and read certificates. */
        ISSUER,
        /** Emergency operations only (revoke-all, issuance switch). */
        EMERGENCY;

        public boolean mayIssue() {
            return this == ADMIN || this == ISSUER;
        }
    }
}
