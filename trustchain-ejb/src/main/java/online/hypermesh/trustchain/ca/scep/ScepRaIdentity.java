package online.hypermesh.trustchain.ca.scep;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.scep.RaKey;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.config.ScepSettings;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.ScepRepository;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The SCEP RA identity: why it exists is in {@code RaCertificateIssuer} (the intermediates'
 * ECDSA keys cannot receive a CMS key transport). Issued by the active root, because SCEP
 * clients encrypt their request to every certificate GetCACert returns (micromdm's scepclient
 * does), so that answer may hold RSA certificates only: the RA's and the root's.
 *
 * <p>Issued at first start and again by an hourly timer when the newest is past two thirds of
 * its {@value #VALIDITY_DAYS} days; older ones keep decrypting until they expire, so a client
 * that fetched GetCACert before a rotation still gets an answer. The key is in the crypto token
 * like every other key, the certificate in scep_ra, and every node reloads them each minute. Nodes
 * starting together may both issue one: harmless, each is valid and every node opens requests to either.
 */
@Singleton
@Startup
@DependsOn("CaBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ScepRaIdentity {
    private static final Logger LOG = Logger.getLogger(ScepRaIdentity.class.getName());
    static final int VALIDITY_DAYS = 30;
    private static final DateTimeFormatter ALIAS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    @EJB
    AuthorityRegistry registry;

    @EJB
    CaSigner signer;

    @Inject
    ScepRepository store;

    @Inject
    AuditTrail audit;

    @Inject
    ScepSettings settings;

    @Resource
    UserTransaction transaction;

    /** Immutable snapshot, newest first; replaced whole by {@link #rotate}. */
    private volatile List<RaKey> keys = List.of();

    @PostConstruct
    void start() {
        if (settings.enabled() && !signer.servesScep()) {
            LOG.warning("SCEP is off: this crypto token cannot decrypt RSA key transport yet (SCEP needs the software token),"
                    + " so no RA key is made in it");
        }
        if (active()) {
            rotate();
        }
    }

    /** SCEP enabled, and a token whose RA key could open requests: no key is made where it would be of no use. */
    private boolean active() {
        return settings.enabled() && signer.servesScep();
    }

    @Schedule(hour = "*", minute = "23", persistent = false, info = "rotate-scep-ra")
    public void hourly() {
        if (active()) {
            rotate();
        }
    }

    /** Another node's new RA certificate is known here within a minute (it is in scep_ra, its key in the shared token). */
    @Schedule(hour = "*", minute = "*", second = "41", persistent = false, info = "reload-scep-ra")
    public void everyMinute() {
        if (active()) {
            reload();
        }
    }

    /** The RA keys that open requests, newest first (the one that signs replies and GetCACert names). */
    public List<RaKey> keys() {
        return keys;
    }

    void rotate() {
        try {
            List<ScepRepository.RaCertificate> stored = inTransaction(() -> store.raCertificates(Instant.now()));
            if (stored.isEmpty() || pastTwoThirds(stored.get(0), Instant.now())) {
                issue();
            }
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "cannot issue the SCEP RA certificate; the hourly timer retries", e);
        }
        reload();
    }

    static boolean pastTwoThirds(ScepRepository.RaCertificate r, Instant now) {
        Duration life = Duration.between(r.notBefore(), r.notAfter());
        return !now.isBefore(r.notBefore().plus(life.multipliedBy(2).dividedBy(3)));
    }

    private void issue() throws Exception {
        AuthorityRegistry.Entry root = registry.activeRoot()
                .orElseThrow(() -> TrustChainException.internal("there is no active root to certify the SCEP RA", null));
        String alias = CaSigner.SCEP_RA_PREFIX + ALIAS_TIME.format(Instant.now());
        inTransaction(() -> {
            X509CertificateHolder certificate = signer.issueScepRa(root.authority(), alias, Duration.ofDays(VALIDITY_DAYS));
            store.addRaCertificate(new ScepRepository.RaCertificate(alias, root.record().id(), certificate.getEncoded(),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()));
            audit.record(new AuditEvent("system:scep", "scep-ra.issued", "authority", root.record().id(),
                    Map.of("key_alias", alias, "not_after", certificate.getNotAfter().toInstant().toString())));
            return null;
        });
        LOG.info(() -> "issued SCEP RA certificate " + alias + " under " + root.record().id());
    }

    private void reload() {
        try {
            List<RaKey> loaded = new ArrayList<>();
            for (ScepRepository.RaCertificate r : inTransaction(() -> store.raCertificates(Instant.now()))) {
                try {
                    loaded.add(signer.scepRaKey(r.keyAlias(), new X509CertificateHolder(r.certificate())));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "SCEP RA certificate " + r.keyAlias() + " is unusable here and left out", e);
                }
            }
            keys = List.copyOf(loaded);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "cannot load the SCEP RA certificates; SCEP answers 503 until the hourly timer loads them", e);
        }
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private <T> T inTransaction(Work<T> work) throws Exception {
        transaction.begin();
        try {
            T result = work.run();
            transaction.commit();
            return result;
        } catch (Exception e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
        }
    }
}
