package online.hypermesh.trustchain.ca.ct;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.domain.AuthorityRolledOver;
import online.hypermesh.trustchain.ca.domain.TrustAnchorsChanged;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.ct.submit.AcceptedRoots;
import online.hypermesh.trustchain.ct.submit.ChainValidator;
import online.hypermesh.trustchain.core.error.OutageLog;

/**
 * The chain validator of this node's CT log, over the accepted roots as last read from the
 * database: TrustChain's roots plus every row of ct_accepted_root. A root rollover on this node
 * reloads it right away ({@link AuthorityRolledOver}). A root added on this
 * node is picked up right after its transaction commits; one added on another node within
 * {@link #RELOAD_PERIOD}.
 *
 * <p>Threads: {@link #validator()} reads one volatile reference to an immutable validator (over
 * an immutable {@link AcceptedRoots}), so submissions never lock and always see one whole set.
 * Reloads are serialised on {@link #reloadLock}, so a slow periodic reload that read the table
 * before a commit cannot overwrite the newer set read after it.
 *
 * <p>Bean-managed transactions: reloads run outside any JTA transaction (also when called from an
 * after-commit observer, where the finished transaction is still on the thread).
 */
@Singleton
@DependsOn("CaBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AcceptedRootsCache {
    /** How soon a node's log accepts a root added on another node. */
    public static final Duration RELOAD_PERIOD = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(AcceptedRootsCache.class.getName());

    @EJB
    AuthorityRegistry registry;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    private final Object reloadLock = new Object();
    private volatile ChainValidator validator;

    /** The current validator; loads the roots on first use. */
    public ChainValidator validator() {
        ChainValidator v = validator;
        if (v == null) {
            reload();
            v = validator;
        }
        return v;
    }

    /**
     * The current validator without an EJB call per read (for the log's submission path): the
     * supplier reads the same volatile reference as {@link #validator()}.
     */
    public Supplier<ChainValidator> validators() {
        validator();
        return () -> validator;
    }

    /**
     * Re-reads the accepted roots and swaps the validator if they changed. The registry (an EJB)
     * is asked before taking the lock: during deployment an EJB call from a timer thread waits
     * until every start-up singleton is up, and CtLogBean's start-up needs this lock.
     */
    public void reload() {
        // After a root rollover the successor's intermediates must be accepted at once, and the
        // retired root's stay accepted.
        List<X509CertificateHolder> trustChainRoots = registry.rootCertificates();
        if (trustChainRoots.isEmpty()) {
            throw TrustChainException.internal("no TrustChain root for the CT log", null);
        }
        synchronized (reloadLock) {
            AcceptedRoots roots = new AcceptedRoots(AcceptedRootsLoader.load(trustChainRoots, dataSource));
            ChainValidator current = validator;
            if (current != null && sameRoots(current.roots(), roots)) {
                return;
            }
            validator = new ChainValidator(roots);
            if (current != null) {
                LOG.info(() -> "CT log accepts " + roots.all().size() + " roots (was " + current.roots().all().size() + ")");
            }
        }
    }

    /** Follows additions made on other nodes (and the active root after a rollover). */
    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false, info = "reload-ct-accepted-roots")
    public void periodicReload() {
        if (validator == null) {
            return; // not loaded yet: the log loads the roots when it starts
        }
        try {
            reload();
        } catch (RuntimeException e) {
            if (!OutageLog.absorbs(e)) {
                LOG.log(Level.WARNING, "cannot reload the CT log's accepted roots; keeping the current set", e);
            }
        }
    }

    /**
     * A rollover on this node: the successor root's intermediates must be accepted before the first
     * issuance under them. A failure reaches the rollover, which logs it; the periodic reload retries.
     */
    public void rolledOver(@Observes AuthorityRolledOver event) {
        reload();
    }

    /** This node's own additions take effect as soon as they are committed. */
    public void added(@Observes(during = TransactionPhase.AFTER_SUCCESS) CtAcceptedRootAdded event) {
        try {
            reload();
        } catch (RuntimeException e) {
            if (!OutageLog.absorbs(e)) {
                LOG.log(Level.WARNING, "cannot reload the CT log's accepted roots after adding " + event.fingerprintHex()
                        + "; the periodic reload retries within " + RELOAD_PERIOD.toSeconds() + " s", e);
            }
        }
    }

    /** A trust anchor with purpose 'ct' was imported or deactivated on this node and committed. */
    public void anchorsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrustAnchorsChanged event) {
        if (!event.purposes().contains("ct")) {
            return;
        }
        try {
            reload();
        } catch (RuntimeException e) {
            if (!OutageLog.absorbs(e)) {
                LOG.log(Level.WARNING, "cannot reload the CT log's accepted roots after a change of trust anchor " + event.anchorId()
                        + "; the periodic reload retries within " + RELOAD_PERIOD.toSeconds() + " s", e);
            }
        }
    }

    private static boolean sameRoots(AcceptedRoots a, AcceptedRoots b) {
        List<byte[]> x = a.derEncoded();
        List<byte[]> y = b.derEncoded();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Arrays.equals(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }
}
