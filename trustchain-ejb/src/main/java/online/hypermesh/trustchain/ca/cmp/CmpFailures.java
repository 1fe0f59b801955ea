package online.hypermesh.trustchain.ca.cmp;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;

import online.hypermesh.trustchain.bridge.cmp.CmpFailure;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** A refusal of the CA's (a {@link TrustChainException}) in CMP's terms: the PKIFailureInfo bit that fits its kind, and its text. */
final class CmpFailures {
    private CmpFailures() {
    }

    static CmpFailure of(TrustChainException e, int requestType) {
        int bit = switch (e.kind()) {
            case MALFORMED_REQUEST -> PKIFailureInfo.badDataFormat;
            case BAD_CSR_SIGNATURE -> PKIFailureInfo.badPOP;
            case UNSUPPORTED_KEY, BAD_NAME, POLICY_VIOLATION -> PKIFailureInfo.badCertTemplate;
            case UNAUTHORIZED, FORBIDDEN -> PKIFailureInfo.notAuthorized;
            case NOT_FOUND -> PKIFailureInfo.badCertId;
            // An rr of a certificate already revoked; for the rest (a renewed one renewed again...) the text says what.
            case CONFLICT -> requestType == PKIBody.TYPE_REVOCATION_REQ ? PKIFailureInfo.certRevoked : PKIFailureInfo.badRequest;
            case UNAVAILABLE -> PKIFailureInfo.systemUnavail;
            case LINT_FAILURE, INTERNAL, EXTERNAL_CA_FAILED -> PKIFailureInfo.systemFailure;
        };
        return new CmpFailure(bit, e.detail());
    }
}
