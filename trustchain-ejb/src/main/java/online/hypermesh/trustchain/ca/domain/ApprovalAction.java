package online.hypermesh.trustchain.ca.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** The actions that the configuration may put under four eyes (trustchain.approvals.actions). */
public enum ApprovalAction {
    /** Revocation of one certificate through REST. */
    REVOKE("revoke"),
    /** The emergency revocation of every certificate of a CA. */
    REVOKE_ALL("revoke-all"),
    /** Key rollover of the root (an intermediate's rollover is routine and never waits). */
    ROOT_ROLLOVER("root-rollover"),
    /** A change of an account's scopes (the names it may be issued). */
    ACCOUNT_SCOPES("account-scopes"),
    /** Issuance under the profiles or above the validity the configuration names. */
    ISSUANCE("issuance");

    private final String apiName;

    ApprovalAction(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static ApprovalAction fromApiName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ApprovalAction a : values()) {
            if (a.apiName.equals(n)) {
                return a;
            }
        }
        throw TrustChainException.malformed("'" + name + "' is not an action that can need approval; one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ApprovalAction::apiName).collect(Collectors.joining(", "));
    }
}
