package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.cert.X509CRLHolder;

import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.infrastructure.persistence.JdbcRevocationStore;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Signs and stores a full CRL per authority (root included): at start for authorities whose
 * stored CRL is missing or past half its life, every ten minutes likewise, and promptly after a
 * committed revocation ({@link CrlRefreshOnStatusChange}). Each CRL gets the next number of the
 * authority's counter, reserved and stored in one transaction.
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
    JdbcRevocationStore store;

    @Inject
    TrustChainConfig config;

    @Resource
    UserTransaction transaction;

    /** Authorities whose prompt republication failed: the next timer run publishes them regardless of age. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void publishMissing() {
        refreshStale();
    }

    @Schedule(hour = "*", minute = "*/10", persistent = false, info = "refresh-stale-crls")
    public void everyTenMinutes() {
        refreshStale();
    }

    /** Makes the next timer run publish a new CRL for {@code authorityId}. */
    public void markDirty(String authorityId) {
        dirty.add(authorityId);
    }

    /** Publishes a new CRL for every active or retired authority whose stored CRL is missing or past half its life. */
    public void refreshStale() {
        Instant now = Instant.now();
        for (AuthorityRegistry.Entry entry : registry.all()) {
            if (entry.record().status() == AuthorityStatus.REVOKED) {
                continue;
            }
            String id = entry.record().id();
            try {
                Optional<JdbcRevocationStore.StoredCrl> stored = store.latestFullCrl(id);
                if (dirty.remove(id) || stored.isEmpty() || isStale(stored.get(), now)) {
                    publish(id);
                }
            } catch (Exception e) {
                dirty.add(id);
                LOG.log(Level.WARNING, "publishing the CRL of " + id + " failed; the next run retries", e);
            }
        }
    }

    static boolean isStale(JdbcRevocationStore.StoredCrl crl, Instant now) {
        Duration life = Duration.between(crl.thisUpdate(), crl.nextUpdate());
        return !now.isBefore(crl.thisUpdate().plus(life.dividedBy(2)));
    }

    /** Signs and stores a new full CRL for {@code authorityId} in its own transaction; returns its number. */
    public long publish(String authorityId) {
        AuthorityRegistry.Entry entry = registry.byId(authorityId)
                .orElseThrow(() -> TrustChainException.notFound("no certificate authority '" + authorityId + "'"));
        try {
            transaction.begin();
            try {
                long number = store.reserveCrlNumber(authorityId);
                Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                Instant nextUpdate = thisUpdate.plus(config.crlValidity());
                var entries = store.revokedUnexpired(authorityId, thisUpdate);
                X509CRLHolder crl = signer.signFullCrl(entry.authority(), BigInteger.valueOf(number), thisUpdate, nextUpdate, entries);
                store.storeFullCrl(authorityId, number, crl.getEncoded(), thisUpdate, nextUpdate);
                transaction.commit();
                LOG.info(() -> "published CRL " + number + " of " + authorityId + " with " + entries.size() + " entries");
                return number;
            } catch (Exception e) {
                if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    transaction.rollback();
                }
                throw e;
            }
        } catch (TrustChainException e) {
            throw e;
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the CRL of " + authorityId, e);
        } catch (Exception e) {
            throw TrustChainException.internal("cannot publish the CRL of " + authorityId, e);
        }
    }
}
