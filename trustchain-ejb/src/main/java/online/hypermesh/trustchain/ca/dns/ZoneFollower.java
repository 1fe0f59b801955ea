package online.hypermesh.trustchain.ca.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.domain.CertificateIssued;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.CertificateStatusChanged;

/**
 * Makes committed changes visible in DNS: observes after the transaction succeeded, so a
 * rolled-back issuance never appears, then hands the change to one background drain that
 * applies everything queued as a single zone update. The issuing request does not wait for the
 * zone. A zone update costs O(changed names), so a drain runs as soon as it is scheduled; changes
 * that arrive while one runs share the next. Spacing drains {@link #MIN_INTERVAL_MILLIS} apart
 * only keeps a burst of issuance from waking the drain for every certificate. Failures are
 * logged: the change itself is committed, and the zone is reloaded completely at the next start.
 */
@ApplicationScoped
public class ZoneFollower {
    private static final Logger LOG = Logger.getLogger(ZoneFollower.class.getName());

    @Inject
    ZonePublisher zone;

    static final long MIN_INTERVAL_MILLIS = 20;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    /** True while a drain is queued or running; at most one runs, so changes apply in commit order. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** When the last drain finished (System.nanoTime); written only by the single drain. */
    private volatile long lastDrainNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MILLIS);

    void issued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificateIssued event) {
        if (ZonePublisher.TLS_PROFILES.contains(event.profile())) {
            submit(() -> zone.publish(event.serialHex(), event.profile(), event.names(), event.der(), event.notAfter()));
        }
    }

    void statusChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificateStatusChanged event) {
        if (event.status() == CertificateStatus.VALID) {
            // A released hold: the event does not carry the certificate, the database does.
            submit(() -> zone.refreshCertificate(event.serialHex()));
        } else {
            submit(() -> zone.withdraw(event.serialHex()));
        }
    }

    void recordsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) DnsRecordsChanged event) {
        submit(() -> zone.refreshName(event.relativeName()));
    }

    void challengeTxtChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChallengeTxtChanged event) {
        submit(() -> zone.refreshTxt(event.relativeOwner()));
    }

    private void submit(Runnable change) {
        pending.add(change);
        if (draining.compareAndSet(false, true)) {
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastDrainNanos);
        scheduler.schedule(this::drain, Math.max(0, MIN_INTERVAL_MILLIS - sinceLast), TimeUnit.MILLISECONDS);
    }

    private void drain() {
        try {
            List<Runnable> batch = new ArrayList<>();
            for (Runnable change; (change = pending.poll()) != null; ) {
                batch.add(change);
            }
            zone.applyAll(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "applying DNS zone changes failed", e);
        } finally {
            lastDrainNanos = System.nanoTime();
            draining.set(false);
            // A change queued after the poll loop but before the flag was cleared still gets a drain.
            if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
                scheduleDrain();
            }
        }
    }
}
