package online.hypermesh.trustchain.ca.acme;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The CA's refusals in ACME's terms (RFC 8555 6.7): what the registration authority, the CSR
 * validator or the revocation path said, with its detail kept, under the ACME type a client acts on.
 */
final class AcmeProblems {
    private AcmeProblems() {
    }

    /** For finalize: the order's names and CSR were refused. */
    static AcmeProblem ofIssuance(TrustChainException e) {
        return switch (e.kind()) {
            case FORBIDDEN -> forbidden(e.detail());
            case BAD_CSR_SIGNATURE, UNSUPPORTED_KEY, BAD_NAME, MALFORMED_REQUEST -> new AcmeProblem(Type.BAD_CSR, e.detail());
            case POLICY_VIOLATION -> new AcmeProblem(Type.REJECTED_IDENTIFIER, e.detail());
            default -> ofOther(e);
        };
    }

    /** For revokeCert. */
    static AcmeProblem ofRevocation(TrustChainException e) {
        return switch (e.kind()) {
            case CONFLICT -> new AcmeProblem(Type.ALREADY_REVOKED, e.detail());
            case FORBIDDEN -> new AcmeProblem(Type.UNAUTHORIZED, e.detail());
            case MALFORMED_REQUEST -> new AcmeProblem(Type.BAD_REVOCATION_REASON, e.detail());
            default -> ofOther(e);
        };
    }

    static AcmeProblem ofOther(TrustChainException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> new AcmeProblem(Type.MALFORMED, 404, e.detail());
            case FORBIDDEN, UNAUTHORIZED -> new AcmeProblem(Type.UNAUTHORIZED, e.detail());
            case UNAVAILABLE -> new AcmeProblem(Type.SERVER_INTERNAL, 503, e.detail());
            case CONFLICT -> new AcmeProblem(Type.MALFORMED, 409, e.detail());
            case INTERNAL, LINT_FAILURE -> new AcmeProblem(Type.SERVER_INTERNAL, "the CA failed: " + e.detail());
            case EXTERNAL_CA_FAILED -> new AcmeProblem(Type.SERVER_INTERNAL, 502, e.detail());
            default -> new AcmeProblem(Type.MALFORMED, e.detail());
        };
    }

    /** The registration authority's FORBIDDEN: CAA, a name the account may not have, or the account itself. */
    private static AcmeProblem forbidden(String detail) {
        if (detail.startsWith("CAA ") || detail.contains("CAA records")) {
            return new AcmeProblem(Type.CAA, detail);
        }
        if (detail.contains("outside the scopes") || detail.contains("never issues for") || detail.contains("a name of the CA")) {
            return new AcmeProblem(Type.REJECTED_IDENTIFIER, detail);
        }
        return new AcmeProblem(Type.UNAUTHORIZED, detail);
    }
}
