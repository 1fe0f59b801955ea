package online.hypermesh.trustchain.ca.domain;

import java.util.EnumSet;
import java.util.Set;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The four-eyes rules: which requests wait for a second officer, and who may decide one.
 *
 * @param actions                 the actions under four eyes; empty: none (the default)
 * @param issuanceProfiles        with {@link ApprovalAction#ISSUANCE}: the profiles whose issuance waits
 * @param issuanceValidityAbove   with {@link ApprovalAction#ISSUANCE}: issuance for longer than this many hours waits (0: no such rule)
 */
public record ApprovalPolicy(Set<ApprovalAction> actions, Set<String> issuanceProfiles, int issuanceValidityAbove) {
    /** The validity a request without one gets (CertificateProfile.DEFAULT_VALIDITY), for the validity rule. */
    static final int DEFAULT_VALIDITY_HOURS = 24;

    public ApprovalPolicy {
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        issuanceProfiles = Set.copyOf(issuanceProfiles);
    }

    public static ApprovalPolicy none() {
        return new ApprovalPolicy(Set.of(), Set.of(), 0);
    }

    public boolean requires(ApprovalAction action) {
        return actions.contains(action);
    }

    /**
     * Whether an issuance under {@code profile} (null: server) for {@code validityHours} (null:
     * the default) waits. With issuance listed but neither profiles nor a validity named, every
     * issuance waits: the setting then says "issuance needs four eyes", and means it.
     */
    public boolean requiresIssuance(String profile, Integer validityHours) {
        if (!requires(ApprovalAction.ISSUANCE)) {
            return false;
        }
        if (issuanceProfiles.isEmpty() && issuanceValidityAbove == 0) {
            return true;
        }
        String p = profile == null || profile.isBlank() ? "server" : profile.trim();
        int hours = validityHours == null ? DEFAULT_VALIDITY_HOURS : validityHours;
        return issuanceProfiles.contains(p) || (issuanceValidityAbove > 0 && hours > issuanceValidityAbove);
    }

    /**
     * Refuses a decision that the rules do not allow: the approval must be pending (CONFLICT) and
     * the decider another account than the requester (FORBIDDEN). Accounts are compared by their
     * unique name, the authenticated identity, never by anything the requester chose to show.
     */
    public static void checkDecision(Approval approval, String decider, boolean approving) {
        if (approval.status() != ApprovalStatus.PENDING) {
            throw new TrustChainException(ErrorKind.CONFLICT, "approval " + approval.id() + " is " + approval.status().apiName()
                    + " already (by " + approval.decidedBy() + " at " + approval.decidedAt() + "); only a pending approval is decided");
        }
        if (approving && approval.requestedBy().equals(decider)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "approval " + approval.id() + " was requested by account '" + decider
                    + "'; a second officer (another account) must approve it");
        }
    }
}
