package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.EmergencyControls;
import online.hypermesh.trustchain.ca.api.IssuanceSwitchView;
import online.hypermesh.trustchain.ca.api.RevokeAllResult;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.CertificateStatusChanged;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitch;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitchRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.RevocationReason;

/**
 * The emergency controls. Bean-managed transactions: revoke-all first commits the stop of its
 * issuer's issuance, then revokes batch by batch, so it holds row locks for one batch at a time
 * and a crash loses at most the batch in flight (a repeat finishes the job).
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class EmergencyBean implements EmergencyControls {
    private static final Logger LOG = Logger.getLogger(EmergencyBean.class.getName());
    /** Certificates per transaction: about 50 ms of locks, small enough for issuance to go on around it. */
    static final int BATCH = 1000;
    static final int MAX_REASON_LENGTH = 500;

    @Inject
    IssuanceSwitchRepository switches;

    @Inject
    IssuanceGate gate;

    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @Inject
    Event<CertificateStatusChanged> statusEvents;

    @EJB
    AuthorityRegistry registry;

    @Resource
    UserTransaction transaction;

    @Override
    public IssuanceSwitchView issuanceSwitch(Caller caller) {
        if (caller == null) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "a bearer token is required");
        }
        return view(gate.current());
    }

    @Override
    public IssuanceSwitchView setIssuance(boolean enabled, String reason, Caller caller) {
        requireEmergency(caller);
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw TrustChainException.malformed("reason is longer than " + MAX_REASON_LENGTH + " characters");
        }
        IssuanceSwitch value = new IssuanceSwitch(enabled, reason, caller.name(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        BeanTransaction.runOrInternal(transaction, "the issuance switch", () -> {
            switches.set(value);
            audit.record(new AuditEvent(caller.name(), enabled ? "issuance.enabled" : "issuance.disabled", "ca", null,
                    reason == null ? Map.of() : Map.of("reason", reason)));
            return null;
        });
        gate.forget();
        LOG.warning(() -> "issuance switched " + (enabled ? "on" : "off") + " by " + caller.name() + (reason == null ? "" : ": " + reason));
        return view(value);
    }

    @Override
    public RevokeAllResult revokeAll(String issuerId, String reasonName, Caller caller) {
        requireEmergency(caller);
        if (issuerId == null || issuerId.isBlank()) {
            throw TrustChainException.malformed("field 'issuer' is required: the id of an issuing CA, e.g. \"us-east-1-g1\"");
        }
        if (reasonName == null || reasonName.isBlank()) {
            throw TrustChainException.malformed("field 'reason' is required, e.g. \"cACompromise\"");
        }
        RevocationReason reason = RevocationReason.fromApiName(reasonName.trim());
        if (reason == RevocationReason.REMOVE_FROM_CRL || reason == RevocationReason.CERTIFICATE_HOLD) {
            throw TrustChainException.malformed("revoke-all is final; " + reason.apiName() + " is not a final reason");
        }
        var authority = registry.byId(issuerId.trim())
                .orElseThrow(() -> TrustChainException.notFound("no certificate authority '" + issuerId.trim() + "'"));
        if (authority.isRoot()) {
            throw TrustChainException.policy("the root issues only CA certificates; name an issuing intermediate");
        }
        String id = authority.record().id();
        String reasonText = reason.apiName();
        // 1. Stop the issuer's issuance, durably and before anything is revoked: the stop waits for the
        //    issuing transactions in flight, and from its commit on none of the issuer commits any more,
        //    so the set of revocable certificates only shrinks while the batches below run.
        BeanTransaction.runOrInternal(transaction, "stopping the issuance of " + id, () -> {
            if (switches.stopAuthority(id, caller.name(), "revoke-all (" + reasonText + ")", Instant.now().truncatedTo(ChronoUnit.MILLIS))) {
                audit.record(new AuditEvent(caller.name(), "authority.issuance-stopped", "authority", id,
                        Map.of("operation", "revoke-all", "reason", reasonText)));
            }
            return null;
        });
        registry.reload();
        Instant stoppedAt = switches.authority(id).orElseThrow().stoppedAt();
        // 2. Revoke in bounded batches, each its own transaction, waiting for rows others hold. A repeat
        //    (after a crash or an error) goes on where this one stopped.
        long revoked = 0;
        int batches = 0;
        List<String> batch;
        do {
            Instant now = Instant.now();
            batch = BeanTransaction.runOrInternal(transaction, "a revoke-all batch", () -> revokeBatch(id, reason, now, caller));
            revoked += batch.size();
            batches += batch.isEmpty() ? 0 : 1;
        } while (!batch.isEmpty());
        // 3. Count from the database.
        CertificateRepository.IssuerCounts counts = certificates.countsOf(id, Instant.now());
        RevokeAllResult result = new RevokeAllResult(id, reasonText, stoppedAt, revoked, counts.revoked() - revoked,
                counts.total() - counts.revoked(), counts.total(), batches);
        LOG.warning(() -> "revoke-all of " + id + " by " + caller.name() + " (" + reasonText + "): " + result);
        return result;
    }

    private List<String> revokeBatch(String issuerId, RevocationReason reason, Instant now, Caller caller) {
        List<String> serials = certificates.revokeBatch(issuerId, reason.apiName(), now, BATCH);
        Map<String, String> details = Map.of("reason", reason.apiName(), "issuer", issuerId, "operation", "revoke-all");
        audit.recordAll(serials.stream().map(s -> new AuditEvent(caller.name(), "certificate.revoked", "certificate", s, details)).toList());
        for (String serial : serials) {
            statusEvents.fire(new CertificateStatusChanged(serial, issuerId, CertificateStatus.REVOKED, reason.apiName(), now));
        }
        return serials;
    }

    private static void requireEmergency(Caller caller) {
        if (caller == null || !caller.has(Caller.Role.EMERGENCY)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "this operation needs the emergency token (data/emergency-token)");
        }
    }

    private static IssuanceSwitchView view(IssuanceSwitch s) {
        return new IssuanceSwitchView(s.enabled(), s.reason(), s.changedBy(), s.changedAt());
    }
}
