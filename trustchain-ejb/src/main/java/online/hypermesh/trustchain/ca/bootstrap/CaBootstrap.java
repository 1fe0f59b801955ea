package online.hypermesh.trustchain.ca.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.bouncycastle.asn1.x500.X500Name;

import online.hypermesh.trustchain.ca.application.AuthorityNaming;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.application.IntermediateSuccession;
import online.hypermesh.trustchain.ca.application.TokenHash;
import online.hypermesh.trustchain.ca.application.TrustAnchorFiles;
import online.hypermesh.trustchain.ca.config.AccountSettings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.AuthorityRecord;
import online.hypermesh.trustchain.ca.domain.AuthorityRepository;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.infrastructure.files.PrivateFiles;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * First start creates the CA: an RSA-4096 root (10 years), an ECDSA P-384 intermediate (3 years)
 * per configured region, the initial administrator token and the emergency token. Later starts only add
 * intermediates for newly configured regions. Every start publishes root.pem.
 *
 * <p>Runs in one transaction under a PostgreSQL advisory lock: nodes starting together
 * bootstrap once, and a crash mid-way leaves no half hierarchy (keys, certificates and audit
 * events roll back together).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class CaBootstrap {
    private static final Logger LOG = Logger.getLogger(CaBootstrap.class.getName());
    static final String ROOT_ID = AuthorityNaming.rootId(1);
    static final String ADMIN_TOKEN_NAME = "initial-admin";
    static final String EMERGENCY_TOKEN_NAME = "initial-emergency";

    @EJB
    CaSigner signer;

    @EJB
    AuthorityRegistry registry;

    @Inject
    AuthorityRepository authorities;

    @Inject
    ApiTokenRepository tokens;

    @Inject
    AccountRepository accounts;

    @Inject
    AccountSettings accountSettings;

    @Inject
    AuditTrail audit;

    @Inject
    TrustChainConfig config;

    @Inject
    TrustAnchorFiles anchors;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @PostConstruct
    void bootstrap() {
        authorities.lockForBootstrap();
        registry.reload();
        IssuingAuthority root = registry.activeRoot().map(AuthorityRegistry.Entry::authority).orElseGet(this::createRoot);
        replaceIssuersWithoutCountry(root);
        for (String region : config.regions()) {
            if (registry.activeIssuer(region).isEmpty()) {
                createIntermediate(root, region);
            }
        }
        registry.reload();
        new InitialAccounts(accounts, tokens, audit, accountSettings, config.dataDir())
                .ensure(ADMIN_TOKEN_NAME, EMERGENCY_TOKEN_NAME);
        anchors.publish();
        followOnceCommitted();
    }

    /** The registry's periodic reload starts only when what this bootstrap wrote is committed (see AuthorityRegistry.following). */
    private void followOnceCommitted() {
        if (transaction.getTransactionStatus() != Status.STATUS_ACTIVE) {
            registry.startFollowing();
            return;
        }
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    registry.startFollowing();
                }
            }
        });
    }

    private IssuingAuthority createRoot() {
        X500Name subject = naming().rootSubject(1);
        IssuingAuthority root = signer.createRoot(ROOT_ID, subject, AuthorityNaming.years(10));
        authorities.add(AuthorityRecord.newActive(root, null, null));
        audit.record(new AuditEvent("system:bootstrap", "authority.created", "authority", root.id(), Map.of("subject", subject.toString())));
        LOG.info(() -> "created root CA " + subject);
        return root;
    }

    /**
     * An issuing CA created before CA subjects carried countryName cannot issue: the linter refuses
     * a leaf whose issuer name lacks it (BR 7.1.2.10.2). Such a CA is replaced at start-up by its
     * next generation, exactly as a key rollover does (its certificates stay valid, it keeps its
     * CRLs and OCSP responder), so an upgraded node issues at once. The root keeps its name until
     * its own rollover: only the issuer of a leaf must carry a country.
     */
    private void replaceIssuersWithoutCountry(IssuingAuthority root) {
        IntermediateSuccession succession = new IntermediateSuccession(signer, authorities, audit, naming());
        for (AuthorityRegistry.Entry entry : registry.all()) {
            if (!entry.isRoot() && entry.record().status() == AuthorityStatus.ACTIVE
                    && !AuthorityNaming.hasCountry(entry.authority().certificate().getSubject())) {
                IssuingAuthority successor = succession.succeed(entry.record(), root, Instant.now(), "system:bootstrap",
                        Map.of("reason", "the subject has no countryName, which leaves' issuer names need (BR 7.1.2.10.2)"));
                LOG.warning(() -> "issuing CA " + entry.record().id() + " has no countryName in its subject; replaced by "
                        + successor.id() + " (" + successor.certificate().getSubject() + ")");
            }
        }
        registry.reload();
    }

    private void createIntermediate(IssuingAuthority root, String region) {
        String id = AuthorityNaming.intermediateId(region, 1);
        X500Name subject = naming().intermediateSubject(region, 1);
        IssuingAuthority ca = signer.createIntermediate(root, id, subject, AuthorityNaming.years(3));
        authorities.add(AuthorityRecord.newActive(ca, root.id(), region));
        audit.record(new AuditEvent("system:bootstrap", "authority.created", "authority", id, Map.of("subject", subject.toString(), "region", region)));
        LOG.info(() -> "created issuing CA " + subject);
    }

    private AuthorityNaming naming() {
        return new AuthorityNaming(config.country(), config.organization());
    }
}
