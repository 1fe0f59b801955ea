package online.hypermesh.trustchain.ca.cmp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.application.SystemIdentities;
import online.hypermesh.trustchain.ca.config.CmpSettings;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.CmpRepository;
import online.hypermesh.trustchain.core.revocation.RevocationReason;

/**
 * RFC 4210 5.3.18 / RFC 9483 4.1.1: a certificate whose certConf does not arrive within the
 * confirmation wait time (trustchain.cmp.confirm.wait.seconds, sent to the client as
 * confirmWaitTime) is revoked, since its subject may never have received it. Runs every 15
 * seconds on every node; rows are locked with skip locked, so two nodes never settle one
 * transaction, and a certConf arriving meanwhile waits for the lock and then finds it expired.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class CmpConfirmationTimeout {
    private static final Logger LOG = Logger.getLogger(CmpConfirmationTimeout.class.getName());
    private static final int BATCH = 100;
    /** Who revokes an unconfirmed certificate, in the audit trail. */
    private static final Caller SYSTEM = SystemIdentities.CMP_CONFIRMATION;

    @Inject
    CmpRepository store;

    @Inject
    AuditTrail audit;

    @Inject
    CmpSettings settings;

    @EJB
    RevocationService revocation;

    @Inject
    CertificateRepository certificates;

    @Resource
    UserTransaction transaction;

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false, info = "cmp-confirmation-timeout")
    public void run() {
        try {
            int n;
            do {
                n = expireBatch(Instant.now().minus(settings.confirmWait()));
            } while (n == BATCH);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "revoking unconfirmed CMP certificates failed; the next run retries", e);
        }
    }

    /**
     * Whether {@code serial} is valid and unexpired, read under its row lock: a revocation that fails
     * would mark the whole transaction rollback-only, so one revoked or expired by other means is left as it is.
     */
    static boolean stillValid(CertificateRepository certificates, String serial) {
        return certificates.findForUpdate(serial)
                .filter(c -> c.status() == CertificateStatus.VALID && c.notAfter().isAfter(Instant.now())).isPresent();
    }

    /** One transaction: each due transaction becomes expired and its certificate revoked, together. */
    private int expireBatch(Instant cutoff) throws Exception {
        transaction.begin();
        try {
            List<CmpRepository.Transaction> due = store.lockWaitingBefore(cutoff, BATCH);
            for (CmpRepository.Transaction t : due) {
                store.settleTransaction(t.transactionId(), "expired", Instant.now());
                audit.record(new AuditEvent(SYSTEM.name(), "cmp.certificate.unconfirmed", "certificate", t.serialHex(),
                        Map.of("transaction", t.transactionId())));
                if (stillValid(certificates, t.serialHex())) {
                    revocation.revoke(t.serialHex(), RevocationReason.CESSATION_OF_OPERATION.apiName(), SYSTEM);
                }
            }
            transaction.commit();
            if (!due.isEmpty()) {
                LOG.info(() -> "revoked " + due.size() + " CMP certificates whose certConf did not arrive");
            }
            return due.size();
        } catch (Exception e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
        }
    }
}
