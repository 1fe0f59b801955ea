package online.hypermesh.trustchain.ca.ct;

import java.security.PublicKey;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.ca.api.LogDescription;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.config.CtSettings;
import online.hypermesh.trustchain.ca.config.DatabaseSettings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.PrecertificateLog;
import online.hypermesh.trustchain.ca.metrics.CtLogMeters;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.ct.log.AddedEntry;
import online.hypermesh.trustchain.ct.log.InvalidLogRequestException;
import online.hypermesh.trustchain.ct.log.JdbcLogStore;
import online.hypermesh.trustchain.ct.log.LogIdentity;
import online.hypermesh.trustchain.ct.log.LogReader;
import online.hypermesh.trustchain.ct.log.LogUnavailableException;
import online.hypermesh.trustchain.ct.log.PostgresAdvisoryLock;
import online.hypermesh.trustchain.ct.log.Sequencer;
import online.hypermesh.trustchain.ct.log.SequencerSettings;
import online.hypermesh.trustchain.ct.sct.SctList;
import online.hypermesh.trustchain.ct.submit.AcceptedRoots;
import online.hypermesh.trustchain.ct.submit.ChainValidator;
import online.hypermesh.trustchain.ct.submit.RejectedSubmissionException;
import online.hypermesh.trustchain.ct.submit.Submission;

/**
 * The CT log of this deployment. At start it makes sure the log key exists in the crypto token,
 * loads the accepted roots, and starts a {@link Sequencer} on a container-managed scheduled
 * executor; the sequencer competes for the log's advisory lock, so with several nodes on one
 * database exactly one sequences. The leader advertises its CT listener in {@code ct_log_leader};
 * every other node checks a submission itself (a bad chain is refused without a network trip)
 * and forwards it there, so every node can issue certificates with SCTs (reads work on every
 * node from the shared tables). Submissions block the caller until their entry is committed in
 * a signed tree head, at most {@code trustchain.ct.submit.timeout.ms}.
 *
 * <p>Two views: {@link CtLogService} for the web tier's RFC 6962 and static-ct-api endpoints, in
 * the api's own types ({@link CtLogViews} maps them), and {@link PrecertificateLog} for issuance
 * only (it logs the CA's own precertificates without re-verifying the signature the signer has just
 * made, so it must not be reachable from outside).
 *
 * <p>Bean-managed transactions: the sequencer commits its own local transactions on connections
 * taken outside any JTA transaction, so none may be active around it. Bean-managed concurrency:
 * the sequencer and reader are thread-safe.
 */
@Singleton
@Startup
@DependsOn("CaBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
@Local({CtLogService.class, PrecertificateLog.class})
public class CtLogBean implements CtLogService, PrecertificateLog {
    private static final Logger LOG = Logger.getLogger(CtLogBean.class.getName());
    /** Promised in log.json; the actual merge delay is zero (an SCT is returned only after its entry is in a signed head). */
    private static final int MMD_SECONDS = 1;

    @EJB
    CaSigner signer;

    @EJB
    CtLogKeys keys;

    @EJB
    AuthorityRegistry registry;

    /** The accepted roots, reloaded after an operator adds one (here or on another node). */
    @EJB
    AcceptedRootsCache acceptedRoots;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TrustChainConfig config;

    @Inject
    CtLogMeters meters;

    @Inject
    CtSettings settings;

    @Inject
    DatabaseSettings database;

    private LogIdentity identity;
    private JdbcLogStore store;
    private LogReader reader;
    private Sequencer sequencer;
    private LeaderDirectory leaders;
    private volatile LeaderForwarder forwarder;
    private Supplier<ChainValidator> validators;
    private ScheduledFuture<?> advertising;

    @PostConstruct
    void start() {
        PublicKey key = keys.ensureLogKey();
        identity = new LogIdentity(key, settings.origin());
        validators = acceptedRoots.validators();
        AcceptedRoots roots = validator().roots();
        store = new JdbcLogStore(dataSource);
        reader = new LogReader(identity, store, settings.maxEntriesPerRequest(), meters);
        SequencerSettings defaults = SequencerSettings.defaults();
        sequencer = new Sequencer(identity, signer.ctLogSigner(), store,
                new PostgresAdvisoryLock(DedicatedLockSessions.to(database), PostgresAdvisoryLock.keyFor(identity.logId())),
                new SequencerSettings(settings.flushPeriod(), defaults.maxBatch(), defaults.maxPending(), defaults.headRefresh(),
                        defaults.leaderRetry()),
                System::currentTimeMillis, meters);
        sequencer.start(scheduler);
        leaders = new LeaderDirectory(dataSource, identity.logId());
        advertiseIfLeading();
        advertising = scheduler.scheduleWithFixedDelay(this::advertiseIfLeading, 1, 1, TimeUnit.SECONDS);
        LOG.info(() -> "CT log " + identity.logIdBase64() + " (origin " + settings.origin() + ", " + roots.all().size()
                + " accepted roots) on port " + settings.port());
    }

    @PreDestroy
    void stop() {
        if (advertising != null) {
            advertising.cancel(false);
        }
        if (sequencer != null) {
            sequencer.close();
        }
    }

    /** Keeps ct_log_leader pointing here while this node sequences (a new leader overwrites it within a second). */
    private void advertiseIfLeading() {
        if (!sequencer.isLeading()) {
            return;
        }
        try {
            leaders.advertise(settings.nodeUrl(), config.nodeName());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot advertise this node as the CT log's sequencer; other nodes cannot forward to it", e);
        }
    }

    @Override
    public SubmittedSct addChain(List<byte[]> chain) {
        return CtLogViews.sct(submit(() -> validator().validateCertificateChain(chain), false));
    }

    @Override
    public SubmittedSct addPreChain(List<byte[]> chain) {
        return CtLogViews.sct(submit(() -> validator().validatePrecertificateChain(chain), true));
    }

    @Override
    public Logged log(byte[] precertificateDer, byte[] issuerDer) {
        AddedEntry entry = submit(() -> validator().validateOwnPrecertificateChain(List.of(precertificateDer, issuerDer)), true);
        return new Logged(SctList.encode(List.of(entry.sct())), entry.leafIndex());
    }

    @Override
    public OptionalLong find(byte[] precertificateDer, byte[] issuerDer) {
        Submission submission;
        try {
            submission = validator().validateOwnPrecertificateChain(List.of(precertificateDer, issuerDer));
        } catch (RejectedSubmissionException e) {
            return OptionalLong.empty(); // the log would never have taken it
        }
        byte[] identity = submission.entry().identityHash();
        var found = read(() -> store.findByIdentity(List.of(identity)));
        return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.values().iterator().next().leafIndex());
    }

    private AddedEntry submit(Supplier<Submission> validation, boolean precertificate) {
        Submission submission;
        try {
            submission = validation.get();
        } catch (RejectedSubmissionException e) {
            throw TrustChainException.malformed(e.getMessage());
        }
        if (!sequencer.isLeading()) {
            return forwarded(submission, precertificate);
        }
        CompletableFuture<AddedEntry> answer = sequencer.submit(submission);
        try {
            return answer.get(settings.submitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "the CT log did not return an SCT within "
                    + settings.submitTimeout().toMillis() + " ms; retry (a repeated submission returns the same SCT)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "interrupted while waiting for the CT log");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    private AddedEntry forwarded(Submission submission, boolean precertificate) {
        String leader = leaders.leaderUrl().filter(url -> !url.equals(settings.nodeUrl()))
                .orElseThrow(() -> new TrustChainException(ErrorKind.UNAVAILABLE,
                        "no node sequences the CT log at the moment (leadership is changing); retry shortly"));
        try {
            return forwarder().forward(leader, submission, precertificate);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * The forwarder for the TrustChain roots this node knows now: after a root rollover the
     * leader's listener may get a certificate from the new root, which must then be trusted.
     * Built on first use, so a node that always leads never builds one.
     */
    private LeaderForwarder forwarder() {
        List<X509CertificateHolder> roots = registry.rootCertificates();
        LeaderForwarder current = forwarder;
        if (current == null || !current.trustsExactly(roots)) {
            current = new LeaderForwarder(identity, roots, settings.submitTimeout());
            forwarder = current;
        }
        return current;
    }

    /** Read once per submission: a reload swaps the whole validator, never part of one. */
    private ChainValidator validator() {
        return validators.get();
    }

    @Override
    public TreeHead latestTreeHead() {
        return CtLogViews.treeHead(read(() -> reader.latestTreeHead()));
    }

    @Override
    public List<byte[]> consistencyProof(long first, long second) {
        return read(() -> reader.consistencyProof(first, second));
    }

    @Override
    public InclusionProof proofByHash(byte[] leafHash, long treeSize) {
        return CtLogViews.inclusionProof(read(() -> reader.proofByHash(leafHash, treeSize)));
    }

    @Override
    public List<Entry> entries(long start, long end) {
        return read(() -> reader.entries(start, end)).stream().map(CtLogViews::entry).toList();
    }

    @Override
    public EntryAndProof entryAndProof(long leafIndex, long treeSize) {
        return CtLogViews.entryAndProof(read(() -> reader.entryAndProof(leafIndex, treeSize)));
    }

    @Override
    public List<byte[]> roots() {
        return validator().roots().derEncoded();
    }

    @Override
    public String checkpoint() {
        return read(() -> reader.checkpoint());
    }

    @Override
    public Optional<byte[]> hashTile(String level, String index) {
        var tile = CtLogViews.hashTile(level, index);
        return read(() -> reader.hashTile(tile));
    }

    @Override
    public Optional<byte[]> dataTile(String index) {
        var tile = CtLogViews.dataTile(index);
        return read(() -> reader.dataTile(tile));
    }

    @Override
    public Optional<byte[]> issuer(byte[] fingerprint) {
        return read(() -> reader.issuer(fingerprint));
    }

    @Override
    public LogDescription description() {
        return new LogDescription(settings.description(), identity.logIdBase64(), identity.keyBase64(), settings.url(), MMD_SECONDS,
                settings.maxEntriesPerRequest());
    }

    @Override
    public int port() {
        return settings.port();
    }

    @Override
    public boolean isLeading() {
        return sequencer.isLeading();
    }

    @Override
    public Optional<TreeHead> latestHead() {
        return Optional.ofNullable(sequencer.latestHead()).map(CtLogViews::treeHead);
    }

    private static <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** ct-log's exceptions as the application's one exception type, so the edge maps them to 400 / 503. */
    private static RuntimeException translate(Throwable e) {
        if (e instanceof InvalidLogRequestException || e instanceof RejectedSubmissionException) {
            return TrustChainException.malformed(e.getMessage());
        }
        if (e instanceof LogUnavailableException) {
            return new TrustChainException(ErrorKind.UNAVAILABLE, e.getMessage(), e);
        }
        if (e instanceof TrustChainException t) {
            return t;
        }
        return TrustChainException.internal("the CT log failed: " + e.getMessage(), e);
    }
}
