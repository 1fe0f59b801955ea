package online.hypermesh.trustchain.core.error;

/**
 * What went wrong, in terms a caller can act on. The slug becomes the last segment of the
 * problem+json {@code type} URI; edges decide the protocol status for each kind.
 */
public enum ErrorKind {
    /** The request body is not what the endpoint accepts (not JSON, not a CSR, too large...). */
    MALFORMED_REQUEST("malformed-request", "Malformed request"),
    /** The CSR parsed but its self-signature does not verify: no proof of possession. */
    BAD_CSR_SIGNATURE("bad-csr-signature", "CSR signature does not verify"),
    /** The CSR's public key is of a type, size or curve the CA does not certify. */
    UNSUPPORTED_KEY("unsupported-key", "Unsupported public key"),
    /** A name in the request is missing, not syntactically valid, or not allowed. */
    BAD_NAME("bad-name", "Invalid or missing name"),
    /** The request asks for something policy forbids (unknown profile, too long validity...). */
    POLICY_VIOLATION("policy-violation", "Request violates issuance policy"),
    /** No or a wrong credential. */
    UNAUTHORIZED("unauthorized", "Authentication required"),
    /** Authenticated, but not allowed to do this. */
    FORBIDDEN("forbidden", "Not allowed"),
    /** The named object does not exist. */
    NOT_FOUND("not-found", "Not found"),
    /** The request conflicts with the current state (e.g. already revoked). */
    CONFLICT("conflict", "Conflict with current state"),
    /** A dependency is down or issuance is switched off; retrying later may succeed. */
    UNAVAILABLE("unavailable", "Service unavailable"),
    /**
     * The external CA that issues a delegated profile answered with something TrustChain does not
     * accept (a certificate for another key or other names, one that does not chain to it, a bad
     * MAC): a gateway's failure, not the requester's.
     */
    EXTERNAL_CA_FAILED("external-ca-failed", "External CA failed"),
    /** A to-be-signed certificate failed the pre-signing lint: a CA bug, never signed. */
    LINT_FAILURE("lint-failure", "Certificate failed pre-signing checks"),
    /** A bug or an unexpected failure inside TrustChain. */
    INTERNAL("internal", "Internal error");

    private final String slug;
    private final String title;

    ErrorKind(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
