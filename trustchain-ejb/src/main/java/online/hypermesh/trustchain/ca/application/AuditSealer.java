package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

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

import online.hypermesh.trustchain.ca.config.DnsSettings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditChainStore;
import online.hypermesh.trustchain.ca.domain.AuditChainStore.Checkpoint;
import online.hypermesh.trustchain.ca.domain.AuditChainStore.Entry;
import online.hypermesh.trustchain.ca.domain.AuditChainStore.Head;
import online.hypermesh.trustchain.ca.domain.AuditChainStore.Unchained;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.audit.AuditChain;
import online.hypermesh.trustchain.core.audit.AuditCheckpoint;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Chains committed audit events and signs the chain's head. Every second it appends what the
 * queue holds, in batches of {@link #BATCH} per transaction (each batch all or nothing, see
 * {@link AuditChainStore}); every minute, and on demand, it signs the head with the audit key if
 * the head moved since the last checkpoint. So an event is chained within about a second of its
 * commit and under a signed head within a minute; until then it is in the database and queued,
 * only not yet tamper-evident. Any node may run it: the chain lock makes them take turns.
 */
@Singleton
@Startup
@DependsOn("CaBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AuditSealer {
    private static final Logger LOG = Logger.getLogger(AuditSealer.class.getName());
    static final int BATCH = 1000;
    /** Bounds one run, so a backlog (an upgrade's old events) is worked off in steps that let the timer breathe. */
    private static final int MAX_BATCHES_PER_RUN = 50;

    @Inject
    AuditChainStore chain;

    @EJB
    CaSigner signer;

    @Inject
    TrustChainConfig config;

    @Inject
    DnsSettings dns;

    @Resource
    UserTransaction transaction;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "audit-chain")
    public void everySecond() {
        try {
            chainPending();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "chaining audit events failed; they stay queued and the next run retries", e);
        }
    }

    @Schedule(hour = "*", minute = "*", second = "30", persistent = false, info = "audit-checkpoint")
    public void everyMinute() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "signing the audit chain's head failed; the next minute retries", e);
        }
    }

    /** Appends every queued event to the chain; returns how many. */
    public long chainPending() {
        long total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int n = BeanTransaction.runOrInternal(transaction, "chaining audit events", this::chainBatch);
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }

    private int chainBatch() {
        chain.lockChain();
        List<Unchained> pending = chain.unchained(BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        Optional<Head> head = chain.head();
        long seq = head.map(Head::seq).orElse(0L);
        byte[] hash = head.map(Head::hash).orElse(AuditChain.genesis());
        List<Entry> entries = new ArrayList<>(pending.size());
        for (Unchained event : pending) {
            seq++;
            hash = AuditChain.next(hash, event.at(seq).canonicalJson());
            entries.add(new Entry(seq, event.id(), hash));
        }
        chain.append(entries);
        return entries.size();
    }

    /**
     * Chains what is queued, then signs the head unless the latest checkpoint already covers it;
     * returns the checkpoint that covers the head (empty only while the chain is empty).
     */
    public Optional<Checkpoint> checkpoint() {
        chainPending();
        return BeanTransaction.runOrInternal(transaction, "signing the audit chain's head", () -> {
            chain.lockChain();
            Optional<Head> head = chain.head();
            if (head.isEmpty()) {
                return Optional.<Checkpoint>empty();
            }
            Optional<Checkpoint> latest = chain.latestCheckpoint();
            if (latest.isPresent() && latest.get().size() >= head.get().seq()) {
                return latest;
            }
            Instant now = Instant.now();
            AuditCheckpoint text = new AuditCheckpoint(origin(), head.get().seq(), head.get().hash(), now);
            Checkpoint signed = new Checkpoint(text.size(), text.head(), text.time(), config.nodeName(), text.text(),
                    signer.signAuditCheckpoint(text));
            chain.addCheckpoint(signed);
            return Optional.of(signed);
        });
    }

    /** The deployment's name in checkpoints: its mesh zone, without the trailing dot. */
    String origin() {
        String zone = dns.origin().toString(true);
        if (zone.isEmpty()) {
            throw TrustChainException.internal("the mesh zone is the root; an audit checkpoint needs an origin", null);
        }
        return zone;
    }
}
