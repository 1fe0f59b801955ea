package online.hypermesh.trustchain.ca.api;

import java.util.List;
import java.util.Optional;

import jakarta.ejb.Local;

/**
 * Four-eyes approvals: the actions the configuration names (trustchain.approvals.actions) wait
 * for a second officer. An edge that receives such an action asks the matching {@code hold...}
 * method first: empty means "no approval needed, carry it out now"; otherwise the complete
 * request is stored as a pending approval (with its approval.requested audit event, in one
 * transaction) and nothing else changes until an officer other than the requester approves it.
 *
 * <p>The protocols that know "pending" (ACME processing, SCEP pending, CMP polling) can use
 * {@link #requiresApproval(IssuanceCommand)}, {@link #holdIssuance} and {@link #show} to create
 * a pending issuance and poll it.
 */
@Local
public interface Approvals {

    /** Whether this issuance (its profile and validity) waits for a second officer. */
    boolean requiresApproval(IssuanceCommand command);

    Optional<ApprovalView> holdRevocation(String serial, String reason, Caller caller);

    Optional<ApprovalView> holdRevokeAll(String issuer, String reason, Caller caller);

    /** Only a rollover of the root waits; an intermediate's rollover never does. */
    Optional<ApprovalView> holdRollover(String authorityId, Caller caller);

    /** Only a change that sets scopes waits (the whole change waits with it). */
    Optional<ApprovalView> holdAccountChange(String account, AccountSpec change, Caller caller);

    Optional<ApprovalView> holdIssuance(IssuanceCommand command);

    /** Newest first; {@code status} pending (null), approved, refused, failed or all. Admin, officer, auditor. */
    List<ApprovalView> list(String status, Caller caller);

    /** Admin, officer, auditor; NOT_FOUND for an unknown id. */
    ApprovalView show(long id, Caller caller);

    /**
     * Approves and carries the action out as its requester. An admin or officer other than the
     * requester (FORBIDDEN otherwise); CONFLICT unless pending. When carrying it out is refused
     * (e.g. the certificate was revoked meanwhile) the approval becomes failed, with the problem
     * recorded, and that problem is thrown.
     */
    ApprovalView approve(long id, Caller caller);

    /** Refuses a pending approval (the requester may withdraw their own); {@code reason} is required. */
    ApprovalView refuse(long id, String reason, Caller caller);
}
