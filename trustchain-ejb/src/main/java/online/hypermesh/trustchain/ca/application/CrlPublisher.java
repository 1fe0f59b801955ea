package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

import org.bouncycastle.cert.X509CRLHolder;

import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.RevocationStore;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.CrlBuilder;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * Signs and stores a full and a delta CRL per authority (root included): at start for authorities
 * whose stored CRLs are missing or past half their life, every ten minutes likewise, and after a
 * committed revocation: at once on the revoking node ({@link CrlRefreshOnStatusChange}, in memory),
 * and within {@link #RESIGN_POLL} on some node from the durable request that the revoking
 * transaction recorded ({@link RevocationStore#requestResigning}), also after a crash that lost
 * the in-memory one (the check runs at start too). Each CRL gets the next number of the
 * authority's counter (full and delta share it), reserved and stored in one transaction, which
 * also clears the requests it covers.
 *
 * <p>Each CRL is audited in the transaction that stores it ({@code crl.signed},
 * {@code crl.delta-signed}: the authority, the number, the base, the count of entries), so the
 * event sinks (the directory's among them) learn of it through the outbox. The event names the
 * CRL, it does not carry it: a full CRL grows with the revoked certificates it lists, and CRLs
 * are signed every few minutes per authority, so the audit chain grows by a few hundred bytes per
 * CRL, not by the CRL; a sink reads the DER from {@code crl_publication}.
 */
@Singleton
@Startup
@DependsOn("CaBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class CrlPublisher {
    private static final Logger LOG = Logger.getLogger(CrlPublisher.class.getName());

    @EJB
    AuthorityRegistry registry;

    @EJB
    CaSigner signer;

    @Inject
    RevocationStore store;

    @Inject
    AuditTrail audit;

    /** Who signs the CRLs in the audit trail: the timers and the republication after a revocation, never a caller. */
    static final String ACTOR = "system:crl";

    @Inject
    TrustChainConfig config;

    @Resource
    UserTransaction transaction;

    /** How far before its base full CRL a delta CRL looks for changes; longer than any revoking transaction. */
    static final Duration DELTA_OVERLAP = Duration.ofMinutes(5);

    /** Authorities whose prompt republication failed: the next timer run publishes them regardless of age. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    /** At start also re-signs what an earlier version signed with another scope: only a new deployment changes it. */
    @PostConstruct
    void publishMissing() {
        refresh(true);
    }

    /** How often every node looks for re-signing requests (documented in README as "within seconds"). */
    static final String RESIGN_POLL = "5 seconds";

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "resign-requested-crls")
    public void everyFiveSeconds() {
        try {
            resignRequested();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "looking for CRL re-signing requests failed; the next run retries", e);
        }
    }

    /**
     * Re-signs the CRLs of every authority with a committed re-signing request; returns their ids.
     * A revoked authority publishes no CRLs any more, so its requests are only cleared.
     */
    public java.util.List<String> resignRequested() {
        java.util.List<String> done = new java.util.ArrayList<>();
        for (String id : store.authoritiesToResign()) {
            try {
                var entry = registry.byId(id);
                if (entry.isPresent() && entry.get().record().status() == AuthorityStatus.REVOKED) {
                    inTransaction(id, () -> (long) store.takeResignRequests(id));
                } else {
                    publish(id);
                }
                done.add(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "re-signing the CRLs of " + id + " as requested failed; its request stays, the next run retries", e);
            }
        }
        return done;
    }

    @Schedule(hour = "*", minute = "*/10", persistent = false, info = "refresh-stale-crls")
    public void everyTenMinutes() {
        refreshStale();
    }

    /** Makes the next timer run publish a new CRL for {@code authorityId}. */
    public void markDirty(String authorityId) {
        dirty.add(authorityId);
    }

    /**
     * Publishes a new full CRL for every active or retired authority whose stored one is missing
     * or past half its life, and a new delta CRL where the delta is missing, stale, or based on
     * an older full CRL.
     */
    public void refreshStale() {
        refresh(false);
    }

    private void refresh(boolean checkScope) {
        Instant now = Instant.now();
        Set<String> requested;
        try {
            requested = Set.copyOf(store.authoritiesToResign());
        } catch (RuntimeException e) {
            requested = Set.of(); // the five-second timer reads them again
            LOG.log(Level.WARNING, "cannot read the CRL re-signing requests now; the next run retries", e);
        }
        for (AuthorityRegistry.Entry entry : registry.all()) {
            if (entry.record().status() == AuthorityStatus.REVOKED) {
                continue;
            }
            String id = entry.record().id();
            try {
                Optional<RevocationStore.StoredCrl> full = store.latestFullCrl(id);
                if (dirty.remove(id) || requested.contains(id) || full.isEmpty() || isStale(full.get().thisUpdate(), full.get().nextUpdate(), now)
                        || (checkScope && !CrlBuilder.hasCurrentScope(new X509CRLHolder(full.get().der()), entry.authority()))) {
                    publish(id);
                    continue;
                }
                Optional<RevocationStore.StoredDeltaCrl> delta = store.latestDeltaCrl(id);
                if (delta.isEmpty() || delta.get().baseNumber() != full.get().number()
                        || isStale(delta.get().thisUpdate(), delta.get().nextUpdate(), now)) {
                    publishDelta(id);
                }
            } catch (Exception e) {
                dirty.add(id);
                LOG.log(Level.WARNING, "publishing the CRLs of " + id + " failed; the next run retries", e);
            }
        }
    }

    static boolean isStale(Instant thisUpdate, Instant nextUpdate, Instant now) {
        Duration life = Duration.between(thisUpdate, nextUpdate);
        return !now.isBefore(thisUpdate.plus(life.dividedBy(2)));
    }

    /**
     * Signs and stores a new full CRL for {@code authorityId}, then a delta CRL based on it, each
     * in its own transaction; returns the full CRL's number.
     */
    public long publish(String authorityId) {
        long number = publishFull(authorityId);
        publishDelta(authorityId);
        return number;
    }

    private long publishFull(String authorityId) {
        IssuingAuthority authority = authority(authorityId);
        return inTransaction(authorityId, () -> {
            long number = store.reserveCrlNumber(authorityId);
            // Before the read below: every request deleted here was committed with its change, which the read then sees.
            store.takeResignRequests(authorityId);
            Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant nextUpdate = thisUpdate.plus(config.crlValidity());
            var entries = store.revokedUnexpired(authorityId, thisUpdate);
            X509CRLHolder crl = signer.signFullCrl(authority, BigInteger.valueOf(number), thisUpdate, nextUpdate, entries);
            store.storeFullCrl(authorityId, number, crl.getEncoded(), thisUpdate, nextUpdate);
            audit.record(new AuditEvent(ACTOR, "crl.signed", "authority", authorityId, Map.of("number", Long.toString(number),
                    "entries", Integer.toString(entries.size()), "this_update", thisUpdate.toString(), "next_update", nextUpdate.toString())));
            LOG.info(() -> "published CRL " + number + " of " + authorityId + " with " + entries.size() + " entries");
            return number;
        });
    }

    /**
     * Signs and stores a delta CRL (RFC 5280 5.2.4) over the latest full CRL: the status changes
     * since a little before that full CRL was signed (a change committing while it was being read
     * is then listed twice, which is harmless, rather than not at all). Returns its number.
     */
    public long publishDelta(String authorityId) {
        IssuingAuthority authority = authority(authorityId);
        return inTransaction(authorityId, () -> {
            long number = store.reserveCrlNumber(authorityId); // locks the row: the base below cannot change meanwhile
            RevocationStore.StoredCrl base = store.latestFullCrl(authorityId).orElseThrow(() -> new TrustChainException(
                    ErrorKind.UNAVAILABLE, "no full CRL of " + authorityId + " to base a delta CRL on"));
            Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant nextUpdate = thisUpdate.plus(config.deltaCrlValidity());
            var changes = store.changedSince(authorityId, base.thisUpdate().minus(DELTA_OVERLAP), thisUpdate);
            X509CRLHolder crl = signer.signDeltaCrl(authority, BigInteger.valueOf(number), BigInteger.valueOf(base.number()),
                    thisUpdate, nextUpdate, changes);
            store.storeDeltaCrl(authorityId, new RevocationStore.StoredDeltaCrl(crl.getEncoded(), number, base.number(),
                    thisUpdate, nextUpdate));
            audit.record(new AuditEvent(ACTOR, "crl.delta-signed", "authority", authorityId, Map.of("number", Long.toString(number),
                    "base_number", Long.toString(base.number()), "entries", Integer.toString(changes.size()),
                    "this_update", thisUpdate.toString(), "next_update", nextUpdate.toString())));
            LOG.fine(() -> "published delta CRL " + number + " of " + authorityId + " over " + base.number() + " with "
                    + changes.size() + " entries");
            return number;
        });
    }

    private IssuingAuthority authority(String authorityId) {
        return registry.byId(authorityId).map(AuthorityRegistry.Entry::authority)
                .orElseThrow(() -> TrustChainException.notFound("no certificate authority '" + authorityId + "'"));
    }

    /** Signs and stores one CRL in a transaction of its own; returns its number. */
    private long inTransaction(String authorityId, BeanTransaction.Work<Long> work) {
        try {
            return BeanTransaction.run(transaction, work);
        } catch (TrustChainException e) {
            throw e;
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode a CRL of " + authorityId, e);
        } catch (Exception e) {
            throw TrustChainException.internal("cannot publish a CRL of " + authorityId, e);
        }
    }
}
