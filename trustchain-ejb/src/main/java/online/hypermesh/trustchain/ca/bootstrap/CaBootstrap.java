package online.hypermesh.trustchain.ca.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.application.TokenHash;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.AuthorityRecord;
import online.hypermesh.trustchain.ca.domain.AuthorityRepository;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.infrastructure.files.PrivateFiles;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * First start creates the CA: an RSA-4096 root (10 years), an ECDSA P-384 intermediate (3 years)
 * per configured region, and the initial administrator token. Later starts only add
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
    static final String ROOT_ID = "root-g1";
    static final String ADMIN_TOKEN_NAME = "initial-admin";

    @EJB
    CaSigner signer;

    @EJB
    AuthorityRegistry registry;

    @Inject
    AuthorityRepository authorities;

    @Inject
    ApiTokenRepository tokens;

    @Inject
    AuditTrail audit;

    @Inject
    TrustChainConfig config;

    @PostConstruct
    void bootstrap() {
        authorities.lockForBootstrap();
        registry.reload();
        IssuingAuthority root = registry.activeRoot().map(AuthorityRegistry.Entry::authority).orElseGet(this::createRoot);
        for (String region : config.regions()) {
            if (registry.activeIssuer(region).isEmpty()) {
                createIntermediate(root, region);
            }
        }
        registry.reload();
        createAdminTokenOnce();
        publishRoot(root);
    }

    private IssuingAuthority createRoot() {
        X500Name subject = name(config.organization() + " Root CA G1");
        IssuingAuthority root = signer.createRoot(ROOT_ID, subject, years(10));
        authorities.add(new AuthorityRecord(root.id(), null, null, root.keyAlias(), KeyType.RSA_4096, der(root), AuthorityStatus.ACTIVE));
        audit.record(new AuditEvent("system:bootstrap", "authority.created", "authority", root.id(), Map.of("subject", subject.toString())));
        LOG.info(() -> "created root CA " + subject);
        return root;
    }

    private void createIntermediate(IssuingAuthority root, String region) {
        String id = region + "-g1";
        X500Name subject = name(config.organization() + " " + region + " Issuing CA G1");
        IssuingAuthority ca = signer.createIntermediate(root, id, subject, years(3));
        authorities.add(new AuthorityRecord(ca.id(), root.id(), region, ca.keyAlias(), KeyType.EC_P384, der(ca), AuthorityStatus.ACTIVE));
        audit.record(new AuditEvent("system:bootstrap", "authority.created", "authority", id, Map.of("subject", subject.toString(), "region", region)));
        LOG.info(() -> "created issuing CA " + subject);
    }

    /** The token file is written before commit: if the commit then fails, the next start writes a new one. */
    private void createAdminTokenOnce() {
        if (tokens.existsWithName(ADMIN_TOKEN_NAME)) {
            return;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = "tc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        tokens.add(ADMIN_TOKEN_NAME, TokenHash.of(token), "admin", Instant.now());
        Path file = config.dataDir().resolve("admin-token");
        try {
            PrivateFiles.writeAtomically(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw TrustChainException.internal("cannot write the administrator token to " + file, e);
        }
        audit.record(new AuditEvent("system:bootstrap", "token.created", "api_token", ADMIN_TOKEN_NAME, Map.of("role", "admin")));
        LOG.info(() -> "wrote the initial administrator token to " + file + " (mode 0600)");
    }

    private void publishRoot(IssuingAuthority root) {
        Path file = config.dataDir().resolve("root.pem");
        try {
            PrivateFiles.writePublicAtomically(file, Pem.certificate(der(root)).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw TrustChainException.internal("cannot write " + file, e);
        }
    }

    private X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, config.organization()).addRDN(BCStyle.CN, commonName).build();
    }

    /** Calendar years from now, so "10 years" ends on the same date 10 years later. */
    private static Duration years(int n) {
        Instant now = Instant.now();
        return Duration.between(now, now.atZone(ZoneOffset.UTC).plus(Period.ofYears(n)).toInstant());
    }

    private static byte[] der(IssuingAuthority authority) {
        try {
            return authority.certificate().getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode CA certificate", e);
        }
    }
}
