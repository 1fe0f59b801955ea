package online.hypermesh.trustchain.ca.application;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.DelegationJournal;
import online.hypermesh.trustchain.ca.domain.IssuanceJournal;
import online.hypermesh.trustchain.ca.domain.PrecertificateLog;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.error.OutageLog;

/**
 * Runs {@link IssuanceRecovery} at start-up (a crash of this or another node may have left
 * issuances open) and every minute, on every node: each batch skips the reservations another
 * node holds. Each settled issuance gets the audit event {@value #INCOMPLETE_EVENT}; the
 * certificates it left are found with {@code GET /api/v1/ca/certificates?stage=precertificate}.
 */
@Singleton
@Startup
@DependsOn({"CaBootstrap", "CtLogBean"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class IssuanceRecoveryTimer {
    /** The audit action of an issuance that ended without its final certificate. */
    static final String INCOMPLETE_EVENT = "certificate.issuance_incomplete";
    private static final Logger LOG = Logger.getLogger(IssuanceRecoveryTimer.class.getName());

    @Inject
    IssuanceJournal journal;

    @Inject
    AuditTrail audit;

    @Inject
    DelegationJournal delegations;

    @EJB
    PrecertificateLog log;

    @EJB
    AuthorityRegistry registry;

    @Resource
    UserTransaction transaction;

    private IssuanceRecovery recovery;

    @PostConstruct
    void start() {
        recovery = new IssuanceRecovery(journal, log, this::issuerCertificate,
                new IssuanceSteps.Transactions() {
                    @Override
                    public <T> T inTransaction(String what, IssuanceSteps.TransactionWork<T> work) {
                        return BeanTransaction.runOrInternal(transaction, what, work::run);
                    }
                }, this::record, Clock.systemUTC());
        everyMinute();
    }

    @Schedule(hour = "*", minute = "*", second = "30", persistent = false, info = "settle-abandoned-issuances")
    public void everyMinute() {
        try {
            settleAbandoned(IssuanceRecovery.GRACE);
            settleAbandonedDelegations(IssuanceRecovery.GRACE);
        } catch (RuntimeException e) {
            if (!OutageLog.absorbs(e)) {
                LOG.log(Level.WARNING, "settling abandoned issuances failed (" + e.getMessage() + "); the next run retries");
            }
        }
    }

    /** Settles every issuance whose reservation has been open for longer than {@code grace}; returns their serials. */
    public List<String> settleAbandoned(Duration grace) {
        List<String> settled = recovery.settleAbandoned(grace).stream().map(s -> s.issuance().serialHex()).toList();
        if (!settled.isEmpty()) {
            LOG.warning(() -> settled.size() + " issuances had stopped after their precertificate was recorded and were settled as"
                    + " incomplete (audit event " + INCOMPLETE_EVENT + "); their serials stay revocable");
        }
        return settled;
    }

    /**
     * Settles delegated requests left {@code requested} for longer than {@code grace} (the node
     * died while the external CA was asked, or before its answer was stored) as incomplete, each
     * with the audit event {@value IssuanceBean#DELEGATION_INCOMPLETE_EVENT} naming the CMP
     * transaction: the external CA may hold a certificate TrustChain never stored. Returns their transactionIDs.
     */
    public List<String> settleAbandonedDelegations(Duration grace) {
        java.time.Instant before = java.time.Instant.now().minus(grace);
        List<String> settled = BeanTransaction.runOrInternal(transaction, "settling abandoned delegated requests", () -> {
            List<String> done = new java.util.ArrayList<>();
            for (DelegationJournal.UnfinishedDelegation u : delegations.unfinished(before, IssuanceRecovery.BATCH)) {
                String why = "the delegated request stopped after external CA " + u.externalCa() + " was asked (CMP transactionID "
                        + u.transactionIdHex() + "); it may hold a certificate TrustChain never stored: look it up there and revoke it";
                if (delegations.settle(u.id(), DelegationJournal.Outcome.INCOMPLETE, why, java.time.Instant.now())) {
                    Map<String, String> details = new LinkedHashMap<>();
                    details.put("delegated_to", u.externalCa());
                    details.put("requested_at", u.requestedAt().toString());
                    details.put("requested_by", u.requestedBy());
                    details.put("reason", why);
                    audit.record(new AuditEvent("system:recovery", IssuanceBean.DELEGATION_INCOMPLETE_EVENT, "delegated_issuance",
                            u.transactionIdHex(), details));
                    done.add(u.transactionIdHex());
                }
            }
            return done;
        });
        if (!settled.isEmpty()) {
            LOG.warning(() -> settled.size() + " delegated requests had stopped after the external CA was asked and were settled as"
                    + " incomplete (audit event " + IssuanceBean.DELEGATION_INCOMPLETE_EVENT + "): " + settled);
        }
        return settled;
    }

    private byte[] issuerCertificate(String issuerId) {
        return registry.byId(issuerId).map(e -> IssuanceSteps.der(e.authority().certificate()))
                .orElseThrow(() -> TrustChainException.internal("an open reservation names the unknown issuer " + issuerId, null));
    }

    private void record(IssuanceRecovery.Settled s) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("issuer", s.issuance().issuerId());
        details.put("reserved_at", s.issuance().reservedAt().toString());
        details.put("logged", Boolean.toString(s.leafIndex().isPresent()));
        s.leafIndex().ifPresent(i -> details.put("leaf_index", Long.toString(i)));
        details.put("reason", s.reason());
        audit.record(new AuditEvent("system:recovery", INCOMPLETE_EVENT, "certificate", s.issuance().serialHex(), details));
    }
}
