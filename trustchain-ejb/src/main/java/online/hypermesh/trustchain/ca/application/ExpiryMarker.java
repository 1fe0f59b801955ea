package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;

/**
 * Every minute, marks certificates past their notAfter as expired, in batches of {@link #BATCH}
 * with one transaction and one audit event per batch, so a backlog (after downtime) never holds
 * locks for long. Readers already see such certificates as expired; this makes the stored state
 * (and what will depend on it, such as TLSA withdrawal) catch up. Several nodes may run it at
 * once: each batch skips rows another node has locked.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class ExpiryMarker {
    private static final Logger LOG = Logger.getLogger(ExpiryMarker.class.getName());
    static final int BATCH = 1000;

    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @Resource
    UserTransaction transaction;

    @Schedule(hour = "*", minute = "*", persistent = false, info = "mark-expired-certificates")
    public void everyMinute() {
        try {
            int total = 0;
            int marked;
            do {
                marked = markBatch(Instant.now());
                total += marked;
            } while (marked == BATCH);
            if (total > 0) {
                int count = total;
                LOG.info(() -> "marked " + count + " certificates expired");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "marking expired certificates failed; the next run retries", e);
        }
    }

    private int markBatch(Instant now) throws Exception {
        return BeanTransaction.run(transaction, () -> {
            int n = certificates.markExpired(now, BATCH);
            if (n > 0) {
                audit.record(new AuditEvent("system:expiry", "certificates.expired", "certificate", null, Map.of("count", Integer.toString(n))));
            }
            return n;
        });
    }
}
