package online.hypermesh.trustchain.ca.cmp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.cmp.ProtectionKey;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.application.BeanTransaction;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CmpRepository;
import online.hypermesh.trustchain.ca.domain.CmpRepository.ProtectionCertificate;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * The CA's CMP protection key (RFC 9483 3.2), which signs the answers to requests protected by
 * signature. Certified by this node's active issuing CA for {@value #VALIDITY_DAYS} days; made on
 * first need, and again on the first need after the newest is past two thirds of its life, so a
 * client always gets a certificate with days left. Kept here between uses and read from
 * cmp_protection_certificate after a restart or a rollover of the issuing CA; the key is in the
 * crypto token like every other key. Nodes needing one at once may both make one: harmless, both
 * are valid and certified by the same CA.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class CmpProtectionIdentity {
    private static final Logger LOG = Logger.getLogger(CmpProtectionIdentity.class.getName());
    static final int VALIDITY_DAYS = 7;
    private static final DateTimeFormatter ALIAS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    @EJB
    AuthorityRegistry registry;

    @EJB
    CaSigner signer;

    @Inject
    CmpRepository store;

    @Inject
    AuditTrail audit;

    @Inject
    TrustChainConfig config;

    @Resource
    UserTransaction transaction;

    private record Current(ProtectionKey key, String authorityId, Instant renewAt) {
    }

    private volatile Current current;

    /** The key that signs CMP responses now, made if there is none in force. */
    public ProtectionKey current() {
        IssuingAuthority issuer = registry.activeIssuer(config.region()).map(AuthorityRegistry.Entry::authority)
                .orElseThrow(() -> new TrustChainException(online.hypermesh.trustchain.core.error.ErrorKind.UNAVAILABLE, "region " + config.region() + " has no active issuing CA to sign CMP responses"));
        Current c = current;
        if (c != null && c.authorityId().equals(issuer.id()) && Instant.now().isBefore(c.renewAt())) {
            return c.key();
        }
        synchronized (this) {
            c = current;
            if (c != null && c.authorityId().equals(issuer.id()) && Instant.now().isBefore(c.renewAt())) {
                return c.key();
            }
            ProtectionCertificate stored = BeanTransaction.runOrInternal(transaction, "find or make the CMP protection certificate", () -> {
                Instant now = Instant.now();
                Optional<ProtectionCertificate> newest = store.newestProtectionCertificate(issuer.id(), now);
                if (newest.isPresent() && now.isBefore(renewAt(newest.get()))) {
                    return newest.get();
                }
                return issue(issuer);
            });
            current = new Current(key(stored, issuer), issuer.id(), renewAt(stored));
            return current.key();
        }
    }

    private ProtectionCertificate issue(IssuingAuthority issuer) throws IOException {
        String alias = CaSigner.CMP_PROTECTION_PREFIX + issuer.id() + "-" + ALIAS_TIME.format(Instant.now());
        X509CertificateHolder certificate = signer.issueCmpProtection(issuer, alias, Duration.ofDays(VALIDITY_DAYS));
        ProtectionCertificate stored = new ProtectionCertificate(alias, issuer.id(), certificate.getEncoded(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        store.addProtectionCertificate(stored);
        audit.record(new AuditEvent("system:cmp", "cmp.protection-certificate.issued", "authority", issuer.id(),
                Map.of("key_alias", alias, "not_after", stored.notAfter().toString())));
        LOG.info(() -> "issued CMP protection certificate " + alias + " under " + issuer.id());
        return stored;
    }

    private ProtectionKey key(ProtectionCertificate stored, IssuingAuthority issuer) {
        try {
            return signer.cmpProtectionKey(stored.keyAlias(), new X509CertificateHolder(stored.certificate()), List.of(issuer.certificate()));
        } catch (IOException e) {
            throw TrustChainException.internal("the stored CMP protection certificate " + stored.keyAlias() + " cannot be read", e);
        }
    }

    /** Two thirds into its life: from then on a new one is made. */
    private static Instant renewAt(ProtectionCertificate c) {
        return c.notBefore().plus(Duration.between(c.notBefore(), c.notAfter()).multipliedBy(2).dividedBy(3));
    }
}
