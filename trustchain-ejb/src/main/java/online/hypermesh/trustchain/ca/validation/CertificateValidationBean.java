package online.hypermesh.trustchain.ca.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.AuthorityQueries;
import online.hypermesh.trustchain.ca.api.CertificateValidation;
import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.ca.config.CtSettings;
import online.hypermesh.trustchain.ca.config.DnsSettings;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.verifier.ChainVerifier;
import online.hypermesh.trustchain.witness.verifier.DnsTlsaLookup;
import online.hypermesh.trustchain.witness.verifier.TlsaCheck;

/**
 * Verifies a chain as an outside relying party would: over HTTP against this deployment's own
 * public OCSP responder and CT log (the URLs in its certificates and settings), so that the answer
 * proves what a client sees, not what the database says. The roots are this CA's roots.pem, the log
 * key this log's, the witnesses those of trustchain.ct.witnesses, the TLSA records those this
 * node's mesh DNS serves (over UDP on loopback, as a resolver would ask it).
 */
@Stateless
public class CertificateValidationBean implements CertificateValidation {
    /** A chain is a leaf and a few issuers; more is not a chain to validate. */
    private static final int MAX_CERTIFICATES = 10;
    /**
     * A checkpoint read for one validation serves the next ones for this long; one that does not
     * prove a new entry or lacks its quorum is read again at once, so this only saves requests.
     */
    private static final Duration CHECKPOINT_REUSE = Duration.ofSeconds(1);
    /** One verifier for every pooled instance of this bean. */
    private static final CachedVerifier VERIFIER = new CachedVerifier();

    @EJB
    AuthorityQueries authorities;

    @EJB
    CtLogService log;

    @Inject
    CtSettings settings;

    @Inject
    DnsSettings dns;

    @Override
    public CertificateValidation.Report validate(String pemChain) {
        List<X509Certificate> chain = certificates(pemChain, "the body");
        if (chain.isEmpty()) {
            throw TrustChainException.malformed("the body holds no PEM certificate (application/pem-certificate-chain: leaf first, then its issuers)");
        }
        if (chain.size() > MAX_CERTIFICATES) {
            throw TrustChainException.malformed("the chain has " + chain.size() + " certificates, at most " + MAX_CERTIFICATES + " are accepted");
        }
        String rootPem = authorities.rootPem();
        String logKey = log.description().key();
        String logUrl = log.description().url();
        ChainVerifier verifier = VERIFIER.get(rootPem + "\n" + logKey + "\n" + logUrl, () -> verifier(rootPem, logKey, logUrl));
        online.hypermesh.trustchain.witness.verifier.Report r = verifier.verify(chain);
        return new CertificateValidation.Report(r.passed(), r.checks().stream()
                .map(c -> new CertificateValidation.Check(c.name(), c.outcome().name().toLowerCase(), c.detail(), c.evidence())).toList());
    }

    private ChainVerifier verifier(String rootPem, String logKey, String logUrl) {
        List<X509Certificate> roots = certificates(rootPem, "roots.pem");
        Set<TrustAnchor> anchors = new HashSet<>();
        roots.forEach(r -> anchors.add(new TrustAnchor(r, null)));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trusting(roots)).build();
        TlsaCheck tlsa = new TlsaCheck(dns.origin().toString(true), new DnsTlsaLookup(loopbackIfWildcard(dns.dnsAddress()), Duration.ofSeconds(2)));
        return new ChainVerifier(anchors, Optional.of(LogKey.fromBase64Spki(settings.origin(), logKey)), Optional.of(URI.create(logUrl)),
                settings.witnesses(), Optional.of(tlsa), CHECKPOINT_REUSE, http, Clock.systemUTC());
    }

    /** The DNS listener bound to every address ("::") is asked on loopback. */
    private static InetSocketAddress loopbackIfWildcard(InetSocketAddress a) {
        return a.getAddress() != null && a.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), a.getPort()) : a;
    }

    private static List<X509Certificate> certificates(String pem, String what) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException | RuntimeException e) {
            throw TrustChainException.malformed(what + " is not a PEM certificate chain: " + e.getMessage());
        }
        return out;
    }

    private static SSLContext trusting(List<X509Certificate> roots) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            for (int i = 0; i < roots.size(); i++) {
                ks.setCertificateEntry("root-" + i, roots.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw TrustChainException.internal("cannot trust this CA's roots for the log's HTTPS", e);
        }
    }
}
