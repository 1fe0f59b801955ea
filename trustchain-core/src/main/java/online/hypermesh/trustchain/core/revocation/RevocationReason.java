package online.hypermesh.trustchain.core.revocation;

import java.util.Arrays;
import java.util.stream.Collectors;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The CRLReason values of RFC 5280 5.3.1, with the names the API uses. Code 7 is unassigned
 * in the standard, which is why the codes are spelled out rather than taken from the ordinal.
 */
public enum RevocationReason {
    UNSPECIFIED("unspecified", 0),
    KEY_COMPROMISE("keyCompromise", 1),
    CA_COMPROMISE("cACompromise", 2),
    AFFILIATION_CHANGED("affiliationChanged", 3),
    SUPERSEDED("superseded", 4),
    CESSATION_OF_OPERATION("cessationOfOperation", 5),
    CERTIFICATE_HOLD("certificateHold", 6),
    REMOVE_FROM_CRL("removeFromCRL", 8),
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn", 9),
    AA_COMPROMISE("aACompromise", 10);

    private final String apiName;
    private final int code;

    RevocationReason(String apiName, int code) {
        this.apiName = apiName;
        this.code = code;
    }

    public String apiName() {
        return apiName;
    }

    /** The CRLReason ENUMERATED value. */
    public int code() {
        return code;
    }

    /**
     * Whether a revocation for this reason can never be undone. Only certificateHold is
     * temporary; removeFromCRL is not a revocation at all but a delta-CRL marker that a hold ended.
     */
    public boolean isFinal() {
        return this != CERTIFICATE_HOLD && this != REMOVE_FROM_CRL;
    }

    /** Whether a subscriber or operator may ask for this reason (removeFromCRL is CRL bookkeeping only). */
    public boolean isRequestable() {
        return this != REMOVE_FROM_CRL;
    }

    public static RevocationReason fromApiName(String name) {
        for (RevocationReason reason : values()) {
            if (reason.apiName.equals(name)) {
                return reason;
            }
        }
        throw TrustChainException.malformed("unknown revocation reason '" + name + "'; use one of "
                + Arrays.stream(values()).filter(RevocationReason::isRequestable).map(RevocationReason::apiName)
                .collect(Collectors.joining(", ")));
    }

    /** The reason for a CRLReason code read from a CRL or OCSP response; empty for unassigned codes. */
    public static java.util.Optional<RevocationReason> fromCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst();
    }
}
