package online.hypermesh.trustchain.ca.application;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.RolloverService;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;

/**
 * Scheduled key rollover: every hour, an active authority whose certificate is older than its
 * rollover period (trustchain.rollover.intermediate.days, default 90, and
 * trustchain.rollover.root.days, default 365; 0 switches it off) is rolled over. Every node runs
 * it; the rollover itself is serialised and idempotent, so only one node's attempt creates keys.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RolloverSchedule {
    private static final Logger LOG = Logger.getLogger(RolloverSchedule.class.getName());
    static final Caller SCHEDULE = SystemIdentities.ROLLOVER_SCHEDULE;

    @EJB
    AuthorityRegistry registry;

    @EJB
    RolloverService rollover;

    @Inject
    TrustChainConfig config;

    /** Each rollover runs in a transaction of its own. */
    @Schedule(hour = "*", minute = "41", persistent = false, info = "scheduled-key-rollover")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void hourly() {
        rollOverDue(Instant.now());
    }

    /** Rolls over what is due at {@code now}: the root first, which also renews the intermediates. */
    public void rollOverDue(Instant now) {
        registry.reload();
        registry.activeRoot().filter(root -> due(root, config.rootRolloverPeriod(), now)).ifPresent(this::rollOver);
        registry.reload();
        registry.all().stream()
                .filter(e -> !e.isRoot() && e.record().status() == AuthorityStatus.ACTIVE)
                .filter(e -> due(e, config.intermediateRolloverPeriod(), now))
                .forEach(this::rollOver);
    }

    private static boolean due(AuthorityRegistry.Entry entry, Duration period, Instant now) {
        return !period.isZero() && !entry.authority().certificate().getNotBefore().toInstant().plus(period).isAfter(now);
    }

    private void rollOver(AuthorityRegistry.Entry entry) {
        try {
            rollover.rollover(entry.record().id(), SCHEDULE);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "scheduled key rollover of " + entry.record().id() + " failed; the next hour retries", e);
        }
    }
}
