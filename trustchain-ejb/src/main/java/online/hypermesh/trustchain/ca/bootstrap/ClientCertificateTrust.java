package online.hypermesh.trustchain.ca.bootstrap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.config.Settings;
import online.hypermesh.trustchain.ca.config.TlsSettings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository;
import online.hypermesh.trustchain.ca.domain.TrustAnchorsChanged;
import online.hypermesh.trustchain.ca.infrastructure.tls.ClientCaTrustStoreFile;
import online.hypermesh.trustchain.ca.infrastructure.tls.ElytronKeyStoreReloader;

/**
 * Keeps the API listener's client-certificate trust store equal to this CA's own authorities that
 * are neither revoked nor expired (roots and intermediates, so a client that sends only its leaf
 * is still verified), plus the unexpired certificates of the active trust anchors imported with
 * purpose client-auth, and makes WildFly reload it when that set changes: at start-up, each
 * minute (which picks up a rollover's new intermediate within a minute of the registry seeing it,
 * and an anchor changed on another node), and right after an anchor changes on this node.
 * Trust in the handshake is only the first gate: the authenticator then checks the certificate
 * against the CA's records (see CredentialAuthenticatorBean).
 */
@Singleton
@Startup
@DependsOn("CaBootstrap")
public class ClientCertificateTrust {
    private static final Logger LOG = Logger.getLogger(ClientCertificateTrust.class.getName());
    private static final int RELOAD_ATTEMPTS = 60;

    @EJB
    AuthorityRegistry registry;

    @Inject
    TrustChainConfig config;

    @Inject
    TlsSettings tls;

    @Resource
    TimerService timers;

    /** Enterprise CAs imported with purpose client-auth (POST /api/v1/trust-anchors). */
    @Inject
    TrustAnchorRepository anchors;

    private ClientCaTrustStoreFile store;
    private int reloadAttempt;

    @PostConstruct
    void init() {
        String password = tls.keystorePassword()
                .orElseThrow(() -> Settings.invalid(TlsSettings.KEYSTORE_PASSWORD, "is not set; the client CA trust store needs it"));
        store = new ClientCaTrustStoreFile(config.dataDir().resolve("tls").resolve("client-ca.p12"), password.toCharArray());
        // Even when the file is current: the server may have started before it was first written,
        // so its trust manager may still be the empty one. The reload waits for the end of boot.
        writeIfChanged();
        timers.createSingleActionTimer(500, new TimerConfig("reload-client-ca-trust-store", false));
    }

    @Schedule(hour = "*", minute = "*", persistent = false, info = "refresh-client-ca-trust-store")
    void everyMinute() {
        if (writeIfChanged()) {
            reloadAttempt = 0;
            timers.createSingleActionTimer(0, new TimerConfig("reload-client-ca-trust-store", false));
        }
    }

    /** An anchor imported or deactivated on this node: trusted (or no longer) in the handshake at once rather than within a minute. */
    public void anchorsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrustAnchorsChanged event) {
        if (event.purposes().contains(TrustAnchorRepository.CLIENT_AUTH)) {
            everyMinute();
        }
    }

    @Timeout
    void reload(Timer timer) {
        try {
            new ElytronKeyStoreReloader(tls.managementHost(), tls.managementPort()).reloadClientTrust();
            LOG.fine(() -> "the API listener now trusts the client CAs in " + store.path());
        } catch (Exception e) {
            if (++reloadAttempt < RELOAD_ATTEMPTS) {
                LOG.log(Level.FINE, "client CA trust store reload failed, retrying", e);
                timers.createSingleActionTimer(1000, new TimerConfig("reload-client-ca-trust-store", false));
            } else {
                LOG.log(Level.SEVERE, "could not make the API listener reload " + store.path() + "; run /subsystem=elytron/key-store="
                        + ElytronKeyStoreReloader.CLIENT_CA_TRUST_STORE + ":load and /subsystem=elytron/trust-manager="
                        + ElytronKeyStoreReloader.CLIENT_CA_TRUST_MANAGER + ":init with jboss-cli", e);
            }
        }
    }

    /** Rewrites the store if the set of trusted authorities changed; true if it did. */
    boolean writeIfChanged() {
        List<byte[]> wanted = new ArrayList<>();
        Set<String> fingerprints = new TreeSet<>();
        Instant now = Instant.now();
        for (AuthorityRegistry.Entry e : registry.all()) {
            byte[] der = e.record().certificate();
            if (e.record().status() == AuthorityStatus.REVOKED || expired(der, now)) {
                continue;
            }
            wanted.add(der);
            fingerprints.add(ClientCaTrustStoreFile.fingerprint(der));
        }
        // The enterprise CAs' certificates too, root and intermediates, so that a client sending only its leaf is verified.
        // The handshake is only the first gate here as well: the authenticator requires the anchor to be active and the
        // certificate's URI SAN to be bound to an account.
        for (TrustAnchorRepository.StoredAnchor anchor : anchors.active(TrustAnchorRepository.CLIENT_AUTH)) {
            for (byte[] der : anchor.certificates()) {
                if (!expired(der, now) && fingerprints.add(ClientCaTrustStoreFile.fingerprint(der))) {
                    wanted.add(der);
                }
            }
        }
        if (fingerprints.equals(store.fingerprints())) {
            return false;
        }
        try {
            store.write(wanted);
            LOG.info(() -> "the API's mutual TLS trusts " + fingerprints.size() + " authorities of this CA and of its client-auth trust anchors ("
                    + store.path() + ")");
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the client CA trust store " + store.path() + ": " + e.getMessage(), e);
        }
    }

    private static boolean expired(byte[] der, Instant now) {
        try {
            return new X509CertificateHolder(der).getNotAfter().toInstant().isBefore(now);
        } catch (java.io.IOException e) {
            return true; // an authority whose certificate cannot be read is trusted by nobody
        }
    }
}
