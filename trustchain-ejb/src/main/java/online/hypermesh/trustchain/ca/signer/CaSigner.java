package online.hypermesh.trustchain.ca.signer;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import online.hypermesh.trustchain.hsm.connector.HsmConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.OCSPResp;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import online.hypermesh.trustchain.bridge.scep.RaKey;
import online.hypermesh.trustchain.bridge.trust.CrossCertificateTemplate;
import online.hypermesh.trustchain.bridge.trust.CrossCertificationRequest;
import online.hypermesh.trustchain.core.x509.PermittedSubtrees;
import online.hypermesh.trustchain.ca.config.AccountSettings;
import online.hypermesh.trustchain.ca.config.CryptoTokenSettings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.core.audit.AuditCheckpoint;
import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.crypto.soft.WrappedKeyStore;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.CertificateStatusLookup;
import online.hypermesh.trustchain.core.revocation.CrlBuilder;
import online.hypermesh.trustchain.core.revocation.CrlLinter;
import online.hypermesh.trustchain.core.revocation.CrlSigner;
import online.hypermesh.trustchain.core.revocation.DelegatedResponderIssuer;
import online.hypermesh.trustchain.core.revocation.OcspResponder;
import online.hypermesh.trustchain.core.revocation.OcspResponderCredential;
import online.hypermesh.trustchain.core.revocation.ResponderCertificateLinter;
import online.hypermesh.trustchain.core.revocation.ResponderCertificateSigner;
import online.hypermesh.trustchain.core.revocation.RevokedEntry;
import online.hypermesh.trustchain.core.x509.CertificateLinter;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.CertificateSigner;
import online.hypermesh.trustchain.core.x509.HierarchyFactory;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.LeafCertificateTemplate;
import online.hypermesh.trustchain.core.x509.LeafIssuer;
import online.hypermesh.trustchain.core.x509.RaCertificateIssuer;
import online.hypermesh.trustchain.bridge.cmp.ProtectionKey;
import online.hypermesh.trustchain.core.x509.ValidatedCsr;
import online.hypermesh.trustchain.core.x509.Validity;
import online.hypermesh.trustchain.ct.log.LogSigner;

/**
 * The signer: owns the crypto token (opened here by the package-private {@link CryptoTokens},
 * referenced nowhere else) and exposes only typed operations, each of which builds from a
 * template, lints, then signs: certificates, CRLs, OCSP answers with a registered responder of
 * the issuer, and the CT log's SCTs and tree heads. No method signs bytes a caller chose, and no
 * method hands out the token. Callers reserve serials and store results; this bean keeps no
 * state beyond the token and what it checked about responder credentials.
 *
 * <p>Concurrency: bean-managed; the token and issuers are thread-safe and immutable after
 * {@link #init}, so signing runs in parallel on all cores.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CaSigner {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(CaSigner.class.getName());
    /** Alias of the CT log's signing key in the token. */
    static final String CT_LOG_KEY_ALIAS = "ct-log-g1";
    /** Every SCEP RA key alias starts with this; no CA, CT, OCSP or audit key does. */
    public static final String SCEP_RA_PREFIX = "scep-ra-";
    public static final String CMP_PROTECTION_PREFIX = "cmp-protection-";
    /** Alias of the key that signs the audit trail's checkpoints. */
    static final String AUDIT_KEY_ALIAS = "audit-g1";

    /** Where the software token keeps its encrypted keys (useless without the operator secret, which only this package reads). */
    @Inject
    WrappedKeyStore keyStore;

    @Inject
    TrustChainConfig config;

    @Inject
    CryptoTokenSettings tokenSettings;

    /**
     * WildFly's pool of PKCS#11 sessions (hsm-connector.rar). Used only with trustchain.crypto.token=pkcs11;
     * it opens a session only for a request that carries the token's PIN, which only this bean reads.
     */
    @Resource(lookup = HsmConnectionFactory.JNDI_NAME)
    HsmConnectionFactory hsmSessions;

    /** The registration policy's names, of which the intermediates' name constraints are one. */
    @Inject
    AccountSettings accountSettings;

    private CryptoToken token;
    private LeafIssuer leafIssuer;
    private HierarchyFactory hierarchy;
    private CrlBuilder crls;
    private DelegatedResponderIssuer responders;
    private ResponderCredentials responderCredentials;
    private CertificateLinter linter;
    private CertificateSigner certificateSigner;

    @PostConstruct
    void init() {
        token = CryptoTokens.open(tokenSettings, keyStore, config.dataDir(), hsmSessions);
        try {
            token.requireAvailable();
        } catch (TrustChainException e) {
            // An HSM that is away may come back (the pool reconnects; /health says DOWN meanwhile), a refused PIN will not: stop the start.
            if (e.kind() != ErrorKind.UNAVAILABLE) {
                throw e;
            }
            LOG.warning(e.getMessage() + "; TrustChain starts, /health reports the crypto token DOWN and issuance answers 503 until it is back");
        }
        linter = new CertificateLinter(token::publicKey);
        CertificateSigner signer = new CertificateSigner(token);
        certificateSigner = signer;
        leafIssuer = new LeafIssuer(new LeafCertificateTemplate(config.leafPolicies()), linter, signer);
        hierarchy = new HierarchyFactory(token, linter, signer, Clock.systemUTC(), config.publicHttpUrl(), accountSettings.nameConstraints());
        crls = new CrlBuilder(new CrlLinter(), new CrlSigner(token));
        responders = new DelegatedResponderIssuer(token, new ResponderCertificateLinter(), new ResponderCertificateSigner(token),
                Clock.systemUTC());
        responderCredentials = new ResponderCredentials(token);
    }

    /** Generates the root key in the token and self-signs the root certificate. */
    public IssuingAuthority createRoot(String id, X500Name subject, Duration validity) {
        return hierarchy.createRoot(id, subject, KeyType.RSA_4096, validity);
    }

    /** Generates an intermediate key in the token and certifies it under {@code parent}. */
    public IssuingAuthority createIntermediate(IssuingAuthority parent, String id, X500Name subject, Duration validity) {
        return hierarchy.createIntermediate(parent, id, subject, KeyType.EC_P384, validity);
    }

    /**
     * A cross certificate under {@code root} for another PKI's root {@code theirRoot} (an imported,
     * validated trust anchor): built by {@link CrossCertificateTemplate}, linted, signed with the
     * root key. The caller reserved {@code serial} and stores the result.
     */
    public X509CertificateHolder issueCrossCertificate(IssuingAuthority root, X509CertificateHolder theirRoot, BigInteger serial,
                                                       int pathLength, PermittedSubtrees permitted) {
        if (!root.certificate().getSubject().equals(root.certificate().getIssuer())) {
            throw TrustChainException.internal("cross certificates are issued by the root only, not by " + root.id(), null);
        }
        CrossCertificateTemplate template = new CrossCertificateTemplate(root.certificate(), root.signingAlgorithm().algorithmIdentifier(),
                serial, theirRoot, pathLength, permitted.isEmpty() ? null : permitted.extension(), root.urls().crl(), root.urls().caIssuers());
        return certificateSigner.sign(linter.lintCrossCertificate(template.tbs(Instant.now()), root,
                CrossCertificateTemplate.keyIdentifier(theirRoot)));
    }

    /**
     * The PKCS#10 request for another PKI to cross-certify {@code root}: its own subject and key,
     * signed by the root key. The token signs only the request {@link CrossCertificationRequest}
     * builds from the root certificate, never bytes a caller chose.
     */
    public PKCS10CertificationRequest rootCertificationRequest(IssuingAuthority root) {
        return CrossCertificationRequest.build(root.certificate(), root.signingAlgorithm().algorithmIdentifier(),
                info -> token.sign(root.keyAlias(), root.signingAlgorithm(), info));
    }

    /** RFC 6962 precertificate (critical poison) of the certificate {@link #issueLeafWithScts} will sign from the same arguments. */
    public X509CertificateHolder issuePrecertificate(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile,
                                                     BigInteger serial, Validity validity) {
        return leafIssuer.issuePrecertificate(issuer, csr, profile, serial, validity);
    }

    /** The final certificate with the TLS-encoded SCT list the log returned for its precertificate. */
    public X509CertificateHolder issueLeafWithScts(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile,
                                                   BigInteger serial, Validity validity, byte[] tlsEncodedSctList) {
        return leafIssuer.issueWithScts(issuer, csr, profile, serial, validity, tlsEncodedSctList);
    }

    /** Lints and signs a full CRL; the caller reserved {@code crlNumber} and stores the result. */
    public X509CRLHolder signFullCrl(IssuingAuthority authority, BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate,
                                     List<RevokedEntry> entries) {
        return crls.full(authority, crlNumber, thisUpdate, nextUpdate, entries);
    }

    /** Lints and signs a delta CRL over the full CRL numbered {@code baseCrlNumber}. */
    public X509CRLHolder signDeltaCrl(IssuingAuthority authority, BigInteger crlNumber, BigInteger baseCrlNumber, Instant thisUpdate,
                                      Instant nextUpdate, List<RevokedEntry> changes) {
        return crls.delta(authority, crlNumber, baseCrlNumber, thisUpdate, nextUpdate, changes);
    }

    /**
     * Generates a delegated OCSP responder key under the new alias {@code keyAlias} (which starts
     * with {@value ResponderCredentials#ALIAS_PREFIX}) and certifies it.
     */
    public OcspResponderCredential issueOcspResponder(IssuingAuthority authority, String keyAlias, Duration validity) {
        if (!keyAlias.startsWith(ResponderCredentials.ALIAS_PREFIX)) {
            throw TrustChainException.internal("an OCSP responder key alias must start with " + ResponderCredentials.ALIAS_PREFIX
                    + ", was " + keyAlias, null);
        }
        return responders.issue(authority, keyAlias, validity);
    }

    /**
     * Answers a DER OCSP request with one of {@code credentials}, statuses from {@code lookup}.
     * Only credentials the signer recognises as registered responders of their authority are used
     * (see {@link ResponderCredentials}); every response is linted before it is signed. Never
     * throws for bad input.
     */
    public OCSPResp respondOcsp(byte[] request, List<OcspResponderCredential> credentials, CertificateStatusLookup lookup,
                                Duration responseValidity) {
        return new OcspResponder(token, responderCredentials.registered(credentials), lookup, Clock.systemUTC(), responseValidity)
                .respond(request);
    }

    /**
     * The CT log's ECDSA P-256 public key, generated in the token on first call (RFC 6962
     * section 2.1.4: the log's own key). The caller holds the bootstrap lock and a transaction,
     * so that nodes starting together create one key.
     */
    public PublicKey ctLogKey() {
        return token.hasKey(CT_LOG_KEY_ALIAS) ? token.publicKey(CT_LOG_KEY_ALIAS) : token.generateKey(CT_LOG_KEY_ALIAS, KeyType.EC_P256);
    }

    /**
     * The CT log's signer: the CT log key as a signer of SCTs and tree heads (typed inputs it
     * encodes itself), nothing else. Handed out as a plain object so the sequencer signs on its
     * own thread straight through the token, without an EJB call (and its transaction
     * interceptor) per SCT; it cannot sign other bytes or use another key.
     */
    public LogSigner ctLogSigner() {
        return new TokenLogSigner(token, CT_LOG_KEY_ALIAS, token.publicKey(CT_LOG_KEY_ALIAS));
    }

    /**
     * The audit key's public key (ECDSA P-256), generated in the token on first call. Nodes
     * starting together could both try: the loser's CONFLICT means the key exists, and it reads it.
     */
    public PublicKey auditKey() {
        if (token.hasKey(AUDIT_KEY_ALIAS)) {
            return token.publicKey(AUDIT_KEY_ALIAS);
        }
        try {
            return token.generateKey(AUDIT_KEY_ALIAS, KeyType.EC_P256);
        } catch (TrustChainException e) {
            if (e.kind() == ErrorKind.CONFLICT) {
                return token.publicKey(AUDIT_KEY_ALIAS);
            }
            throw e;
        }
    }

    /** Signs an audit checkpoint (the signer encodes it: the audit key signs nothing else). DER ECDSA signature. */
    public byte[] signAuditCheckpoint(AuditCheckpoint checkpoint) {
        auditKey();
        return token.sign(AUDIT_KEY_ALIAS, SigningAlgorithm.SHA256_WITH_ECDSA, checkpoint.signedBytes());
    }

    /** Whether this node's crypto token can hold a SCEP RA key it decrypts with (the software token; not yet PKCS#11). */
    public boolean servesScep() {
        return token.decryptsKeyTransport();
    }

    /**
     * Generates a SCEP RA key (RSA) under the new {@code keyAlias}, which starts with
     * {@value #SCEP_RA_PREFIX}, and certifies it by {@code authority} for digitalSignature and
     * keyEncipherment (see {@link RaCertificateIssuer} for why an RA exists).
     */
    public X509CertificateHolder issueScepRa(IssuingAuthority authority, String keyAlias, Duration validity) {
        if (!keyAlias.startsWith(SCEP_RA_PREFIX)) {
            throw TrustChainException.internal("a SCEP RA key alias must start with " + SCEP_RA_PREFIX + ", was " + keyAlias, null);
        }
        return new RaCertificateIssuer(token).issue(authority, keyAlias, validity, Instant.now());
    }

    /**
     * The SCEP RA key {@code keyAlias} with its certificate, for opening requests and signing
     * CertRep: only a {@value #SCEP_RA_PREFIX} key of this token whose public key is the certificate's.
     */
    public RaKey scepRaKey(String keyAlias, X509CertificateHolder certificate) {
        if (!keyAlias.startsWith(SCEP_RA_PREFIX) || !java.util.Arrays.equals(token.publicKey(keyAlias).getEncoded(),
                subjectPublicKey(certificate))) {
            throw TrustChainException.internal("key " + keyAlias + " is not the SCEP RA key of its certificate", null);
        }
        return new TokenRaKey(token, keyAlias, certificate);
    }

    /**
     * Generates a CMP protection key (P-256) under the new {@code keyAlias}, which starts with
     * {@value #CMP_PROTECTION_PREFIX}, and certifies it by {@code authority} for digitalSignature
     * and id-kp-cmcCA only ({@link RaCertificateIssuer.Role#CMP_PROTECTION}).
     */
    public X509CertificateHolder issueCmpProtection(IssuingAuthority authority, String keyAlias, Duration validity) {
        if (!keyAlias.startsWith(CMP_PROTECTION_PREFIX)) {
            throw TrustChainException.internal("a CMP protection key alias must start with " + CMP_PROTECTION_PREFIX + ", was " + keyAlias, null);
        }
        return new RaCertificateIssuer(token, RaCertificateIssuer.Role.CMP_PROTECTION).issue(authority, keyAlias, validity, Instant.now());
    }

    /**
     * The CMP protection key {@code keyAlias} with its certificate and chain, for signing CMP
     * responses: only a {@value #CMP_PROTECTION_PREFIX} key of this token whose public key is the certificate's.
     */
    public ProtectionKey cmpProtectionKey(String keyAlias, X509CertificateHolder certificate, List<X509CertificateHolder> chain) {
        if (!keyAlias.startsWith(CMP_PROTECTION_PREFIX) || !java.util.Arrays.equals(token.publicKey(keyAlias).getEncoded(),
                subjectPublicKey(certificate))) {
            throw TrustChainException.internal("key " + keyAlias + " is not the CMP protection key of its certificate", null);
        }
        return new TokenProtectionKey(token, keyAlias, certificate, chain);
    }

    private static byte[] subjectPublicKey(X509CertificateHolder certificate) {
        try {
            return certificate.getSubjectPublicKeyInfo().getEncoded();
        } catch (java.io.IOException e) {
            throw TrustChainException.internal("cannot encode a certificate's public key", e);
        }
    }

    /** Throws UNAVAILABLE naming the token when it cannot sign now (an HSM unreachable or refusing the PIN); signs nothing. */
    public void requireTokenAvailable() {
        token.requireAvailable();
    }

    /** Whether the token holds the key of an authority (a health check that signs nothing). */
    public boolean hasKey(IssuingAuthority authority) {
        return token.hasKey(authority.keyAlias());
    }
}
