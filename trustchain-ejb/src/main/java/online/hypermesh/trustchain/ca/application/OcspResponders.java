package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.RevocationStore;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.OcspResponderCredential;

/**
 * The delegated OCSP responder credentials of the roots and of the active and retired issuing
 * intermediates (a root's responder answers for the intermediates it signed, revoked ones
 * included, RFC 6960 4.2.2.2, so the root key itself never signs OCSP responses): issued at start
 * and by an hourly timer when an intermediate has none or its newest is past two thirds of its
 * life, kept in the database, and held here as an immutable snapshot for the responder.
 */
@Singleton
@Startup
@DependsOn("CaBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class OcspResponders {
    private static final Logger LOG = Logger.getLogger(OcspResponders.class.getName());
    static final Duration VALIDITY = Duration.ofDays(4);
    private static final DateTimeFormatter ALIAS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    @EJB
    AuthorityRegistry registry;

    @EJB
    CaSigner signer;

    @Inject
    RevocationStore store;

    @Inject
    AuditTrail audit;

    @Resource
    UserTransaction transaction;

    private volatile List<OcspResponderCredential> current = List.of();

    @PostConstruct
    void start() {
        rotate();
    }

    @Schedule(hour = "*", minute = "17", persistent = false, info = "rotate-ocsp-responders")
    public void hourly() {
        rotate();
    }

    /** The credentials to answer with (several per authority during a rotation). */
    public List<OcspResponderCredential> current() {
        return current;
    }

    /** Issues credentials where missing or aging, then reloads the snapshot. */
    public void rotate() {
        Instant now = Instant.now();
        List<RevocationStore.StoredResponder> stored = store.responders(now);
        for (AuthorityRegistry.Entry entry : registry.all()) {
            // Retired intermediates keep answering for what they issued until it has expired.
            if (entry.record().status() == AuthorityStatus.REVOKED) {
                continue;
            }
            String id = entry.record().id();
            Optional<RevocationStore.StoredResponder> newest = stored.stream().filter(r -> r.authorityId().equals(id)).findFirst();
            if (newest.isEmpty() || pastTwoThirds(newest.get(), now)) {
                try {
                    issue(entry, now);
                } catch (Exception e) {
                    LOG.log(Level.SEVERE, "cannot issue an OCSP responder certificate for " + id + "; the hourly timer retries", e);
                }
            }
        }
        reload();
    }

    static boolean pastTwoThirds(RevocationStore.StoredResponder r, Instant now) {
        Duration life = Duration.between(r.notBefore(), r.notAfter());
        return !now.isBefore(r.notBefore().plus(life.multipliedBy(2).dividedBy(3)));
    }

    private void issue(AuthorityRegistry.Entry entry, Instant now) throws Exception {
        String alias = "ocsp-" + entry.record().id() + "-" + ALIAS_TIME.format(now);
        BeanTransaction.run(transaction, () -> {
            OcspResponderCredential credential = signer.issueOcspResponder(entry.authority(), alias, VALIDITY);
            X509CertificateHolder cert = credential.certificate();
            store.addResponder(new RevocationStore.StoredResponder(alias, entry.record().id(), credential.keyType().name(),
                    cert.getEncoded(), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()));
            audit.record(new AuditEvent("system:ocsp", "ocsp-responder.issued", "authority", entry.record().id(),
                    Map.of("key_alias", alias, "not_after", cert.getNotAfter().toInstant().toString())));
            return null;
        });
        LOG.info(() -> "issued OCSP responder certificate " + alias + " for " + entry.record().id());
    }

    private void reload() {
        List<OcspResponderCredential> credentials = new ArrayList<>();
        for (RevocationStore.StoredResponder r : store.responders(Instant.now())) {
            var authority = registry.byId(r.authorityId());
            if (authority.isEmpty()) {
                continue;
            }
            try {
                credentials.add(new OcspResponderCredential(authority.get().authority(), new X509CertificateHolder(r.certificate()),
                        r.keyAlias(), KeyType.valueOf(r.keyType())));
            } catch (IOException e) {
                throw TrustChainException.internal("stored OCSP responder certificate " + r.keyAlias() + " is not DER", e);
            }
        }
        current = List.copyOf(credentials);
    }
}
