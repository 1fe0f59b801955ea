package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.CertificateStatusChanged;
import online.hypermesh.trustchain.core.revocation.RevocationReason;

/**
 * Ends the overlap after a renewal: once the renewal grace period (trustchain.renewal.grace.minutes)
 * has passed since the replacement was issued, the predecessor, if still valid, is revoked with
 * reason superseded (RFC 5280 5.3.1), so relying parties stop accepting a certificate its holder
 * has replaced. Runs every minute on every node; each row is re-checked under a lock, so two nodes
 * never both revoke one certificate.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class SupersedeMarker {
    private static final Logger LOG = Logger.getLogger(SupersedeMarker.class.getName());
    static final int BATCH = 500;

    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @Inject
    TrustChainConfig config;

    @Inject
    Event<CertificateStatusChanged> statusEvents;

    @Resource
    UserTransaction transaction;

    @Schedule(hour = "*", minute = "*", persistent = false, info = "supersede-renewed-certificates")
    public void everyMinute() {
        try {
            markDue(Instant.now());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "marking renewed certificates superseded failed; the next run retries", e);
        }
    }

    /**
     * Revokes as superseded every predecessor whose grace period ended by {@code now}; returns how
     * many were due. The revocation time is the real time of revoking, whatever {@code now} says.
     */
    public int markDue(Instant now) throws Exception {
        int total = 0;
        int marked;
        do {
            marked = markBatch(now);
            total += marked;
        } while (marked == BATCH);
        return total;
    }

    /** One transaction: revokes the due predecessors of one batch; returns how many were due. */
    private int markBatch(Instant now) throws Exception {
        List<String> due = new java.util.ArrayList<>();
        int marked = BeanTransaction.run(transaction, () -> {
            due.addAll(certificates.renewedBefore(now.minus(config.renewalGrace()), now, BATCH));
            int n = 0;
            for (String serial : due) {
                n += supersede(serial) ? 1 : 0;
            }
            return n;
        });
        if (marked > 0) {
            LOG.info(() -> "revoked " + marked + " renewed certificates as superseded");
        }
        return due.size();
    }

    /** Revokes {@code serial} as superseded unless, under its row lock, it turns out revoked or expired already. */
    private boolean supersede(String serial) {
        CertificateRecord c = certificates.findForUpdate(serial).orElse(null);
        Instant revokedAt = Instant.now();
        if (c == null || c.status() != CertificateStatus.VALID || !c.notAfter().isAfter(revokedAt)) {
            return false; // revoked, expired or marked by another node meanwhile
        }
        String reason = RevocationReason.SUPERSEDED.apiName();
        certificates.updateRevocation(serial, CertificateStatus.REVOKED, reason, revokedAt);
        audit.record(new AuditEvent("system:renewal", "certificate.revoked", "certificate", serial,
                Map.of("reason", reason, "issuer", c.issuerId())));
        statusEvents.fire(new CertificateStatusChanged(serial, c.issuerId(), CertificateStatus.REVOKED, reason, revokedAt));
        return true;
    }
}
