package online.hypermesh.trustchain.ca.application;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import online.hypermesh.trustchain.ca.domain.CertificateStatusChanged;

/**
 * After a revocation (or hold release) commits, republishes the issuer's CRL on another thread,
 * so the revoking request does not wait for it. Changes arriving while a republication is queued
 * are covered by it (the CRL is read when it runs), so a burst of revocations signs few CRLs.
 */
@ApplicationScoped
public class CrlRefreshOnStatusChange {
    private static final Logger LOG = Logger.getLogger(CrlRefreshOnStatusChange.class.getName());

    @Resource
    ManagedExecutorService executor;

    @EJB
    CrlPublisher publisher;

    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificateStatusChanged change) {
        if (change.delegated()) {
            return; // the external CA's CRL lists it, not ours
        }
        String issuer = change.issuerId();
        if (!queued.add(issuer)) {
            return;
        }
        try {
            executor.execute(() -> republish(issuer));
        } catch (RuntimeException e) {
            queued.remove(issuer);
            publisher.markDirty(issuer);
            LOG.log(Level.WARNING, "cannot schedule republishing the CRL of " + issuer + "; the ten-minute timer does it", e);
        }
    }

    private void republish(String issuer) {
        queued.remove(issuer);
        try {
            publisher.publish(issuer);
        } catch (RuntimeException e) {
            publisher.markDirty(issuer);
            LOG.log(Level.WARNING, "republishing the CRL of " + issuer + " after a revocation failed; the ten-minute timer retries", e);
        }
    }
}
