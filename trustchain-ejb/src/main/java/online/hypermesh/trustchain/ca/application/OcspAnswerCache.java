package online.hypermesh.trustchain.ca.application;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.config.OcspSettings;
import online.hypermesh.trustchain.ca.domain.RevocationStore;
import online.hypermesh.trustchain.core.revocation.OcspResponseCache;

/**
 * This node's {@link OcspResponseCache}, and what keeps it true to the database.
 *
 * <p>A status change made on this node invalidates its serial right after it commits
 * ({@link OcspCacheInvalidation}), before the revoking call returns, so this node's very next
 * answer is fresh. Changes made on other nodes are read every second: every serial whose status
 * changed in the last {@link #WINDOW_SECONDS} (by the database's clock, at its transaction's
 * start) is dropped, on every poll of that window. The repetition is what makes it safe: an answer
 * signed from a status read just before another node's change committed, and stored just after a
 * poll, is dropped by the next one. So another node's change reaches this node's answers within
 * about two seconds. If a poll fails, or polls stopped for longer than the window allows (a pause,
 * a database outage), everything is dropped: answers are then signed live, from the database, or
 * tryLater while it is down, rather than served from a memory that may be stale.
 *
 * <p>Answers of a root's responder (about intermediates) are never cached: those statuses change
 * through the authority rows, which this poll does not read, and they are asked for rarely.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class OcspAnswerCache {
    private static final Logger LOG = Logger.getLogger(OcspAnswerCache.class.getName());
    /** Longer than any status-changing transaction (revoke-all commits in batches of seconds). */
    static final int WINDOW_SECONDS = 60;
    /** More changes than this in the window: drop everything rather than name them one by one. */
    static final int MAX_NAMED = 10_000;

    @Inject
    OcspSettings settings;

    @Inject
    RevocationStore store;

    @EJB
    AuthorityRegistry registry;

    private OcspResponseCache cache;
    private volatile long lastPoll = System.nanoTime();
    private volatile boolean failing;

    @PostConstruct
    void start() {
        cache = new OcspResponseCache(settings.cacheEntries());
    }

    /** The cache itself (thread-safe); invalidated by this bean and {@link OcspCacheInvalidation}. */
    public OcspResponseCache cache() {
        return cache;
    }

    /** Reads the other nodes' recent status changes; see the class comment. */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "ocsp-cache-status-poll")
    public void poll() {
        if (settings.cacheEntries() == 0) {
            return;
        }
        long started = System.nanoTime();
        if (started - lastPoll > TimeUnit.SECONDS.toNanos(WINDOW_SECONDS - 10)) {
            cache.invalidateAll();
        }
        try {
            for (AuthorityRegistry.Entry authority : registry.all()) {
                if (authority.isRoot()) {
                    continue;
                }
                List<BigInteger> changed = store.statusChangedWithin(authority.record().id(), WINDOW_SECONDS, MAX_NAMED + 1);
                if (changed.size() > MAX_NAMED) {
                    cache.invalidateAll();
                    continue;
                }
                changed.forEach(cache::evict);
            }
            lastPoll = started;
            if (failing) {
                failing = false;
                LOG.info("OCSP answer cache: status changes are read again; answers are cached again");
            }
        } catch (RuntimeException e) {
            cache.invalidateAll();
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "OCSP answer cache: cannot read the status changes of other nodes; every answer is signed live until it can ("
                        + e.getMessage() + ")");
            }
        }
    }
}
