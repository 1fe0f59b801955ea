package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import online.hypermesh.trustchain.ca.api.AccountSpec;
import online.hypermesh.trustchain.ca.api.Accounts;
import online.hypermesh.trustchain.ca.api.ApprovalView;
import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CertificateDetails;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.api.EmergencyControls;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.api.RevokeAllResult;
import online.hypermesh.trustchain.ca.api.RolloverService;
import online.hypermesh.trustchain.ca.api.ScopeView;
import online.hypermesh.trustchain.ca.config.ApprovalSettings;
import online.hypermesh.trustchain.ca.domain.Approval;
import online.hypermesh.trustchain.ca.domain.ApprovalAction;
import online.hypermesh.trustchain.ca.domain.ApprovalPolicy;
import online.hypermesh.trustchain.ca.domain.ApprovalRepository;
import online.hypermesh.trustchain.ca.domain.ApprovalStatus;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.RevocationReason;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.CsrValidator;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.SerialNumbers;
import online.hypermesh.trustchain.core.x509.ValidatedCsr;

/**
 * Four-eyes approvals. A held request is checked as far as it can be without carrying it out (a
 * bad reason, serial or CSR is refused at once and stores nothing), then stored with its
 * approval.requested event in one transaction.
 *
 * <p>Approval carries the action out as its requester (the account as it is at approval time,
 * made by the authenticator: a requester disabled meanwhile fails), so the action's own checks
 * and audit events are the requester's and the approver adds only the second pair of eyes. Bean-managed transactions, because the actions differ:
 * <ul>
 * <li>revoke and account-scopes join a transaction: the decision (under the row lock), the
 *     action's effects and all their audit events commit together. If the action is refused the
 *     whole transaction rolls back and a second one records the approval as failed.</li>
 * <li>issuance, revoke-all and root-rollover commit in steps of their own (an issuance commits
 *     its intent before the precertificate goes to CT; revoke-all commits per batch), so they
 *     cannot join one. The decision commits first, once-only (a conditional update under the row
 *     lock), then the action runs, then its result (or failure) is recorded. A crash between
 *     leaves the approval approved without a result and the action done or not: it is never
 *     carried out twice; revoke-all and rollover may be repeated by hand, and do nothing twice.</li>
 * </ul>
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class ApprovalsBean implements Approvals {
    static final int MAX_REASON_LENGTH = 1000;
    static final int LIST_LIMIT = 500;
    /** Actions whose effects commit in the caller's transaction. */
    private static final Set<ApprovalAction> JOINING = EnumSet.of(ApprovalAction.REVOKE, ApprovalAction.ACCOUNT_SCOPES);

    @Inject
    ApprovalSettings settings;

    @Inject
    ApprovalRepository approvals;

    @Inject
    AuditTrail audit;

    @EJB
    RevocationService revocation;

    @EJB
    EmergencyControls emergency;

    @EJB
    RolloverService rollover;

    @EJB
    Accounts accounts;

    @EJB
    IssuanceService issuance;

    @EJB
    CertificateQueries certificates;

    @EJB
    AuthorityRegistry registry;

    @EJB
    BoundAccounts boundAccounts;

    @Resource
    UserTransaction transaction;

    private ApprovalPolicy policy;

    @PostConstruct
    void init() {
        policy = new ApprovalPolicy(settings.actions().stream().map(ApprovalAction::fromApiName).collect(Collectors.toSet()),
                Set.copyOf(settings.issuanceProfiles()), settings.validityAbove());
    }

    @Override
    public boolean requiresApproval(IssuanceCommand command) {
        return policy.requiresIssuance(command.profile(), command.validityHours());
    }

    @Override
    public Optional<ApprovalView> holdRevocation(String serial, String reason, Caller caller) {
        if (!policy.requires(ApprovalAction.REVOKE) || caller == null || !caller.mayRevoke()) {
            return Optional.empty();
        }
        if (reason == null || reason.isBlank()) {
            throw TrustChainException.malformed("field 'reason' is required, e.g. {\"reason\": \"keyCompromise\"}");
        }
        String reasonName = RevocationReason.fromApiName(reason.trim()).apiName();
        CertificateDetails certificate = certificates.find(SerialNumbers.canonicalApiSerial(serial));
        String s = certificate.serialNumber();
        return Optional.of(hold(ApprovalAction.REVOKE, caller, "revoke " + s + " (" + reasonName + ")",
                Map.of("serial", s, "reason", reasonName, "subject", String.valueOf(certificate.subject()))));
    }

    @Override
    public Optional<ApprovalView> holdRevokeAll(String issuer, String reason, Caller caller) {
        if (!policy.requires(ApprovalAction.REVOKE_ALL) || caller == null || !caller.has(Caller.Role.EMERGENCY)) {
            return Optional.empty();
        }
        if (issuer == null || issuer.isBlank()) {
            throw TrustChainException.malformed("field 'issuer' is required: the id of an issuing CA, e.g. \"us-east-1-g1\"");
        }
        if (reason == null || reason.isBlank()) {
            throw TrustChainException.malformed("field 'reason' is required, e.g. \"cACompromise\"");
        }
        String reasonName = RevocationReason.fromApiName(reason.trim()).apiName();
        var authority = registry.byId(issuer.trim())
                .orElseThrow(() -> TrustChainException.notFound("no certificate authority '" + issuer.trim() + "'"));
        String id = authority.record().id();
        return Optional.of(hold(ApprovalAction.REVOKE_ALL, caller, "revoke-all of " + id + " (" + reasonName + ")",
                Map.of("issuer", id, "reason", reasonName)));
    }

    @Override
    public Optional<ApprovalView> holdRollover(String authorityId, Caller caller) {
        if (!policy.requires(ApprovalAction.ROOT_ROLLOVER) || caller == null || !caller.has(Caller.Role.ADMIN) || authorityId == null) {
            return Optional.empty();
        }
        var authority = registry.byId(authorityId.trim());
        if (authority.isEmpty() || !authority.get().isRoot()) {
            return Optional.empty();
        }
        String id = authority.get().record().id();
        return Optional.of(hold(ApprovalAction.ROOT_ROLLOVER, caller, "root rollover of " + id, Map.of("authority", id)));
    }

    @Override
    public Optional<ApprovalView> holdAccountChange(String account, AccountSpec change, Caller caller) {
        if (!policy.requires(ApprovalAction.ACCOUNT_SCOPES) || change.scopes() == null || caller == null || !caller.has(Caller.Role.ADMIN)) {
            return Optional.empty();
        }
        String name = accounts.show(account, caller).name();
        String scopes = change.scopes().stream().map(s -> s.type() + ":" + s.value()).collect(Collectors.joining(", "));
        return Optional.of(hold(ApprovalAction.ACCOUNT_SCOPES, caller, "scopes of account " + name + " := [" + scopes + "]",
                Map.of("account", name, "change", AccountChanges.toMap(change))));
    }

    @Override
    public Optional<ApprovalView> holdIssuance(IssuanceCommand command) {
        Caller caller = command.caller();
        if (!requiresApproval(command) || caller == null || !caller.mayIssue()) {
            return Optional.empty();
        }
        CertificateProfile profile = CertificateProfile.fromApiName(command.profile());
        profile.validity(command.validityHours());
        ValidatedCsr csr = new CsrValidator().validate(command.csr(), profile);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("csr", Pem.encode("CERTIFICATE REQUEST", csr.der()));
        request.put("profile", profile.apiName());
        if (command.validityHours() != null) {
            request.put("validity_hours", command.validityHours());
        }
        if (command.region() != null && !command.region().isBlank()) {
            request.put("region", command.region().trim());
        }
        String names = String.join(", ", csr.names().asText());
        return Optional.of(hold(ApprovalAction.ISSUANCE, caller, "issuance under " + profile.apiName()
                + (command.validityHours() == null ? "" : " for " + command.validityHours() + " h") + " of " + names, request));
    }

    private ApprovalView hold(ApprovalAction action, Caller caller, String summary, Map<String, Object> request) {
        String line = summary.length() > 500 ? summary.substring(0, 499) + "…" : summary;
        Set<String> roles = caller.roles().stream().map(Caller.Role::apiName).collect(Collectors.toSet());
        Approval pending = new Approval(0, action, ApprovalStatus.PENDING, caller.name(), roles,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), line, request, null, null, null, null);
        Approval stored = BeanTransaction.runOrInternal(transaction, "the approval request", () -> {
            Approval a = approvals.insert(pending);
            audit.record(new AuditEvent(caller.name(), "approval.requested", "approval", Long.toString(a.id()),
                    Map.of("action", action.apiName(), "summary", line)));
            return a;
        });
        return view(stored);
    }

    @Override
    public List<ApprovalView> list(String status, Caller caller) {
        requireReader(caller);
        String s = status == null || status.isBlank() ? "pending" : status.trim().toLowerCase(Locale.ROOT);
        ApprovalStatus filter = "all".equals(s) ? null : ApprovalStatus.fromApiName(s);
        List<ApprovalView> out = new ArrayList<>();
        approvals.list(filter, LIST_LIMIT).forEach(a -> out.add(view(a)));
        return out;
    }

    @Override
    public ApprovalView show(long id, Caller caller) {
        requireReader(caller);
        return view(approvals.find(id).orElseThrow(() -> unknown(id)));
    }

    @Override
    public ApprovalView approve(long id, Caller caller) {
        requireDecider(caller);
        Approval current = approvals.find(id).orElseThrow(() -> unknown(id));
        return JOINING.contains(current.action()) ? approveJoined(id, caller) : approveThenCarryOut(id, caller);
    }

    /** Decision, effects and events in one transaction; a refused action rolls all back and is then recorded as failed. */
    private ApprovalView approveJoined(long id, Caller caller) {
        try {
            return BeanTransaction.run(transaction, () -> {
                Approval a = lockedForDecision(id, caller, true);
                Map<String, Object> result;
                try {
                    result = carryOut(a);
                } catch (RuntimeException e) {
                    throw new ActionRefused(problemOf(a, e));
                }
                decideOrConflict(a, ApprovalStatus.APPROVED, caller, null, result);
                audit.record(new AuditEvent(caller.name(), "approval.approved", "approval", Long.toString(id),
                        Map.of("action", a.action().apiName(), "requested_by", a.requestedBy())));
                return view(approvals.find(id).orElseThrow());
            });
        } catch (ActionRefused refused) {
            throw recordFailure(id, caller, refused.problem, true);
        } catch (TrustChainException e) {
            throw e;
        } catch (Exception e) {
            throw TrustChainException.internal("the approval of " + id + " did not commit", e);
        }
    }

    /** For actions that commit on their own: the decision commits first (once-only), then the action, then its outcome. */
    private ApprovalView approveThenCarryOut(long id, Caller caller) {
        Approval a = BeanTransaction.runOrInternal(transaction, "the approval of " + id, () -> {
            Approval locked = lockedForDecision(id, caller, true);
            decideOrConflict(locked, ApprovalStatus.APPROVED, caller, null, null);
            audit.record(new AuditEvent(caller.name(), "approval.approved", "approval", Long.toString(id),
                    Map.of("action", locked.action().apiName(), "requested_by", locked.requestedBy())));
            return locked;
        });
        Map<String, Object> result;
        try {
            result = carryOut(a);
        } catch (RuntimeException e) {
            throw recordFailure(id, caller, problemOf(a, e), false);
        }
        BeanTransaction.runOrInternal(transaction, "the outcome of approval " + id, () -> {
            approvals.complete(id, ApprovalStatus.APPROVED, null, result);
            return null;
        });
        return view(approvals.find(id).orElseThrow());
    }

    private TrustChainException recordFailure(long id, Caller caller, TrustChainException problem, boolean stillPending) {
        BeanTransaction.runOrInternal(transaction, "the failure of approval " + id, () -> {
            Map<String, Object> result = Map.of("error", problem.kind().slug());
            String detail = truncate(problem.detail());
            boolean recorded;
            if (stillPending) {
                Approval a = approvals.findForUpdate(id).orElseThrow();
                recorded = a.status() == ApprovalStatus.PENDING
                        && approvals.decide(id, ApprovalStatus.FAILED, caller.name(), Instant.now().truncatedTo(ChronoUnit.MILLIS), detail, result);
            } else {
                approvals.complete(id, ApprovalStatus.FAILED, detail, result);
                recorded = true;
            }
            if (recorded) {
                audit.record(new AuditEvent(caller.name(), "approval.failed", "approval", Long.toString(id),
                        Map.of("error", problem.kind().slug(), "detail", detail)));
            }
            return null;
        });
        return problem;
    }

    @Override
    public ApprovalView refuse(long id, String reason, Caller caller) {
        requireDecider(caller);
        if (reason == null || reason.isBlank()) {
            throw TrustChainException.malformed("field 'reason' is required: why the request is refused, e.g. {\"reason\": \"not requested by the owner\"}");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw TrustChainException.malformed("reason is longer than " + MAX_REASON_LENGTH + " characters");
        }
        return BeanTransaction.runOrInternal(transaction, "the refusal of " + id, () -> {
            Approval a = lockedForDecision(id, caller, false);
            decideOrConflict(a, ApprovalStatus.REFUSED, caller, reason.trim(), null);
            audit.record(new AuditEvent(caller.name(), "approval.refused", "approval", Long.toString(id),
                    Map.of("action", a.action().apiName(), "requested_by", a.requestedBy(), "reason", truncate(reason.trim()))));
            return view(approvals.find(id).orElseThrow());
        });
    }

    private Approval lockedForDecision(long id, Caller caller, boolean approving) {
        Approval a = approvals.findForUpdate(id).orElseThrow(() -> unknown(id));
        ApprovalPolicy.checkDecision(a, caller.name(), approving);
        return a;
    }

    private void decideOrConflict(Approval a, ApprovalStatus status, Caller caller, String reason, Map<String, Object> result) {
        if (!approvals.decide(a.id(), status, caller.name(), Instant.now().truncatedTo(ChronoUnit.MILLIS), reason, result)) {
            throw new TrustChainException(ErrorKind.CONFLICT, "approval " + a.id() + " was decided meanwhile");
        }
    }

    /** Carries the stored request out as its requester; returns what it produced. */
    private Map<String, Object> carryOut(Approval a) {
        // The requester as the account is now: disabled meanwhile, its request fails; the authenticator makes the caller.
        Caller requester = boundAccounts.callerOf(a.requestedBy()).orElseThrow(() -> new TrustChainException(ErrorKind.FORBIDDEN,
                "account '" + a.requestedBy() + "', which requested approval " + a.id() + ", is unknown or disabled now; its request is not carried out"));
        Map<String, Object> r = a.request();
        return switch (a.action()) {
            case REVOKE -> {
                CertificateDetails d = revocation.revoke((String) r.get("serial"), (String) r.get("reason"), requester);
                yield Map.of("serial", d.serialNumber(), "certificate_status", d.status(), "revocation_reason", String.valueOf(d.revocationReason()),
                        "revoked_at", String.valueOf(d.revokedAt()));
            }
            case REVOKE_ALL -> {
                RevokeAllResult x = emergency.revokeAll((String) r.get("issuer"), (String) r.get("reason"), requester);
                yield Map.of("issuer", x.issuer(), "revoked", x.revoked(), "already_revoked", x.alreadyRevoked(),
                        "not_revoked", x.notRevoked(), "total", x.total());
            }
            case ROOT_ROLLOVER -> {
                RolloverService.RolloverResult x = rollover.rollover((String) r.get("authority"), requester);
                yield Map.of("retired", x.retired(), "successor", x.successor(), "also_rolled_over", x.alsoRolledOver());
            }
            case ACCOUNT_SCOPES -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> change = (Map<String, Object>) r.get("change");
                var updated = accounts.update((String) r.get("account"), AccountChanges.fromMap(change), requester);
                yield Map.of("account", updated.name());
            }
            case ISSUANCE -> {
                Number hours = (Number) r.get("validity_hours");
                IssuedCertificate issued = issuance.issue(new IssuanceCommand(((String) r.get("csr")).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        (String) r.get("profile"), hours == null ? null : hours.intValue(), (String) r.get("region"), requester));
                yield Map.of("serial", issued.serialNumber(), "location", "/api/v1/ca/certificates/" + issued.serialNumber());
            }
        };
    }

    /** What the action was refused with; a failure that is not one (a bug, a lost connection) becomes INTERNAL, recorded all the same. */
    private static TrustChainException problemOf(Approval a, RuntimeException e) {
        TrustChainException problem = TrustChainException.find(e);
        return problem != null ? problem : TrustChainException.internal("carrying out approval " + a.id() + " (" + a.action().apiName() + ") failed", e);
    }

    private static void requireReader(Caller caller) {
        if (caller == null || !(caller.has(Caller.Role.ADMIN) || caller.has(Caller.Role.OFFICER) || caller.has(Caller.Role.AUDITOR))) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "approvals are read by the admin, officer and auditor roles");
        }
    }

    private static void requireDecider(Caller caller) {
        if (caller == null || !(caller.has(Caller.Role.ADMIN) || caller.has(Caller.Role.OFFICER))) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "approvals are decided by the admin and officer roles");
        }
    }

    private static TrustChainException unknown(long id) {
        return TrustChainException.notFound("no approval " + id);
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > MAX_REASON_LENGTH ? s.substring(0, MAX_REASON_LENGTH - 1) + "…" : s;
    }

    static ApprovalView view(Approval a) {
        return new ApprovalView(a.id(), a.action().apiName(), a.status().apiName(), a.requestedBy(), a.requestedAt(), a.summary(),
                a.request(), a.decidedBy(), a.decidedAt(), a.reason(), a.result());
    }

    /** An action refused while the decision's transaction was open: unwinds it, then the approval is recorded as failed. */
    private static final class ActionRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient TrustChainException problem;

        ActionRefused(TrustChainException problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }
    }

    /** An account change to and from the stored request's map (snake_case, like the API). */
    static final class AccountChanges {
        private AccountChanges() {
        }

        static Map<String, Object> toMap(AccountSpec c) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (c.roles() != null) {
                m.put("roles", List.copyOf(c.roles()));
            }
            if (c.scopes() != null) {
                m.put("scopes", c.scopes().stream().map(s -> (Object) Map.of("type", s.type(), "value", s.value(),
                        "subdomains", s.subdomains(), "wildcard", s.wildcard())).toList());
            }
            if (c.profiles() != null) {
                m.put("profiles", List.copyOf(c.profiles()));
            }
            if (c.regions() != null) {
                m.put("regions", List.copyOf(c.regions()));
            }
            if (c.maxValidityHours() != null) {
                m.put("max_validity_hours", c.maxValidityHours());
            }
            m.put("clear_max_validity", c.clearMaxValidity());
            return m;
        }

        @SuppressWarnings("unchecked")
        static AccountSpec fromMap(Map<String, Object> m) {
            List<ScopeView> scopes = m.get("scopes") == null ? null : ((List<Map<String, Object>>) m.get("scopes")).stream()
                    .map(s -> new ScopeView((String) s.get("type"), (String) s.get("value"), Boolean.TRUE.equals(s.get("subdomains")),
                            Boolean.TRUE.equals(s.get("wildcard")))).toList();
            Number max = (Number) m.get("max_validity_hours");
            return new AccountSpec(null, (List<String>) m.get("roles"), scopes, (List<String>) m.get("profiles"),
                    (List<String>) m.get("regions"), max == null ? null : max.intValue(), Boolean.TRUE.equals(m.get("clear_max_validity")));
        }
    }
}
