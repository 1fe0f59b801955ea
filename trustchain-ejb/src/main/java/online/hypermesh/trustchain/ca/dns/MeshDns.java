package online.hypermesh.trustchain.ca.dns;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.application.SystemIdentities;
import online.hypermesh.trustchain.ca.config.DnsSettings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.metrics.DnsMeters;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.doq.classic.ClassicDnsConfig;
import online.hypermesh.trustchain.doq.classic.ClassicDnsServer;
import online.hypermesh.trustchain.doq.forward.CacheStatistics;
import online.hypermesh.trustchain.doq.forward.Forwarder;
import online.hypermesh.trustchain.doq.quic.DoqConfig;
import online.hypermesh.trustchain.doq.quic.DoqServer;
import online.hypermesh.trustchain.doq.update.SignedExchange;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import online.hypermesh.trustchain.doq.zone.ResponseEncoder;
import online.hypermesh.trustchain.doq.zone.ZoneAnswerer;
import online.hypermesh.trustchain.core.error.OutageLog;

/**
 * Serves the mesh zone from inside the deployment: classic DNS on UDP and TCP (default port 8053)
 * and DNS-over-QUIC (default UDP 8853), both shifted by the socket-binding port offset.
 *
 * <p>At start it seeds the default names once per database, loads the zone, issues the DoQ
 * listener's certificate (P-256 key generated here, kept in memory only) through the normal
 * issuance path, and starts both listeners on threads from the container. An hourly timer renews
 * the DoQ certificate when a third of its life is left; Kwik cannot swap a certificate in a running
 * connector, so {@link DoqServer#replaceCertificate} restarts it on the same port and open QUIC
 * connections are dropped (clients reconnect). Kwik's own connection threads are not managed.
 */
@Singleton
@Startup
@DependsOn({"CaBootstrap", "CtLogBean"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MeshDns {
    private static final Logger LOG = Logger.getLogger(MeshDns.class.getName());
    /** Who requests the DoQ certificate; its certificates get no TLSA (they are not served on 443). */
    static final String DOQ_REQUESTER = SystemIdentities.DOQ_LISTENER.name();
    static final String SEED_ACTOR = "system:dns";
    private static final int DOQ_LIFETIME_HOURS = 7 * 24;

    @EJB
    IssuanceService issuance;

    @EJB
    DnsRecordStore store;

    @EJB
    DnsChangeLog changeLog;

    @EJB
    DnsUpdateBean updates;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ZonePublisher zone;

    @Inject
    AuditTrail audit;

    @Inject
    TrustChainConfig config;

    @Inject
    DnsMeters meters;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedExecutorService workers;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** How often dns_change is polled; a change on another node shows here within this plus the poll's own time. */
    static final long FOLLOW_INTERVAL_MILLIS = 200;

    private volatile ScheduledFuture<?> following;
    private volatile ClassicDnsServer classic;
    private volatile DoqServer doq;
    private volatile X509Certificate doqCertificate;
    /** Null when no upstream is configured (names outside the zone are then refused). */
    private volatile Forwarder forwarder;

    @PostConstruct
    void start() {
        DnsSettings settings = zone.settings();
        seedOnce(settings);
        // Read before loading: a change committed in between is applied twice, which is harmless; none is missed.
        long followFrom = changeLog.lastId();
        zone.loadAll(DOQ_REQUESTER);
        DoqCredentials credentials = doqCertificateIfIssuing(settings);
        forwarder = settings.forwarding().map(Forwarder::new).orElse(null);
        ZoneAnswerer answerer = forwarder == null ? new ZoneAnswerer(zone.zone()) : new ZoneAnswerer(zone.zone(), forwarder);
        // Padding (RFC 8467) only where the transport is encrypted; plain DNS answers stay small.
        // TSIG and RFC 2136 updates on every transport; keys and records live in the database (DnsUpdateBean).
        SignedExchange signed = new SignedExchange(updates::key, updates::apply, settings.origin());
        DnsWireHandler plain = new DnsWireHandler(answerer, ResponseEncoder.unpadded(), meters.observer("classic"), signed);
        DnsWireHandler padded = new DnsWireHandler(answerer, ResponseEncoder.rfc8467Padded(), meters.observer("doq"), signed);
        meters.watchCache(this::cacheStatistics);
        try {
            classic = new ClassicDnsServer(ClassicDnsConfig.of(settings.dnsAddress()), plain, threads, workers);
            classic.start();
            doq = new DoqServer(DoqConfig.of(settings.doqAddress()).withRetryRequired(settings.doqRetry()), padded, workers);
            if (credentials != null) {
                doq.start(credentials.key(), credentials.chain());
            }
        } catch (Exception e) {
            stop();
            throw TrustChainException.internal("cannot start the mesh DNS on " + settings.dnsAddress() + " (UDP/TCP) and "
                    + settings.doqAddress() + " (DoQ); set trustchain.dns.port / trustchain.doq.port: " + e.getMessage(), e);
        }
        if (credentials != null) {
            doqCertificate = credentials.chain().get(0);
        } else {
            startDoqWhenIssuing(settings);
        }
        followOtherNodes(followFrom);
        // The seeding and the certificate commit after this method; if that fails, do not leave sockets open.
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    stop();
                }
            }
        });
        LOG.info(() -> "mesh DNS for " + settings.origin() + " on " + classic.localAddress() + " (UDP, TCP) and "
                + (doqCertificate != null ? doq.localAddress() + " (DNS-over-QUIC)"
                        : settings.doqAddress() + " (DNS-over-QUIC, once its certificate is issued)")
                + "; other names "
                + (forwarder == null ? "are refused (no trustchain.dns.upstreams)" : "are forwarded to " + forwarder.upstreams()));
    }

    /**
     * The DoQ certificate, or null while issuance is unavailable (an HSM unreachable at start): the
     * classic listener starts anyway, and {@link #startDoqWhenIssuing} starts DoQ once it is back.
     */
    private DoqCredentials doqCertificateIfIssuing(DnsSettings settings) {
        try {
            return issueDoqCertificate(settings);
        } catch (RuntimeException e) {
            TrustChainException cause = TrustChainException.find(e);
            if (cause == null || cause.kind() != ErrorKind.UNAVAILABLE) {
                throw e;
            }
            LOG.warning("the DoQ listener waits for its certificate (" + cause.getMessage() + "); classic DNS starts now, DoQ once"
                    + " issuance works again");
            return null;
        }
    }

    /** Tries every 5 s to issue the DoQ certificate, and starts the DoQ listener with the first one. */
    private void startDoqWhenIssuing(DnsSettings settings) {
        java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> self = new java.util.concurrent.atomic.AtomicReference<>();
        self.set(scheduler.scheduleWithFixedDelay(() -> {
            DoqServer server = doq;
            if (server == null || doqCertificate != null) {
                self.get().cancel(false);
                return;
            }
            try {
                DoqCredentials credentials = issueDoqCertificate(settings);
                server.start(credentials.key(), credentials.chain());
                doqCertificate = credentials.chain().get(0);
                LOG.info(() -> "the DoQ listener started on " + server.localAddress() + " now that its certificate is issued");
                self.get().cancel(false);
            } catch (Exception e) {
                LOG.fine(() -> "the DoQ certificate still cannot be issued: " + e.getMessage());
            }
        }, 5, 5, TimeUnit.SECONDS));
    }

    /** Other nodes' committed changes reach this zone within about {@link #FOLLOW_INTERVAL_MILLIS}. */
    private void followOtherNodes(long afterId) {
        ZoneChangePoller poller = new ZoneChangePoller(changeLog, zone, afterId);
        following = scheduler.scheduleWithFixedDelay(() -> {
            try {
                poller.pollOnce();
            } catch (RuntimeException e) {
                if (!OutageLog.absorbs(e)) {
                    LOG.log(Level.WARNING, "following other nodes' DNS changes failed; retrying", e);
                }
            }
        }, FOLLOW_INTERVAL_MILLIS, FOLLOW_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (following != null) {
            following.cancel(false);
            following = null;
        }
        if (classic != null) {
            classic.close();
            classic = null;
        }
        if (doq != null) {
            doq.close();
            doq = null;
        }
    }

    /** The forwarding cache's counters, empty when nothing is forwarded. */
    public Optional<CacheStatistics> cacheStatistics() {
        Forwarder f = forwarder;
        return f == null ? Optional.empty() : Optional.of(f.statistics());
    }

    /** One log line every five minutes so an operator can follow the cache without the API. */
    @Schedule(hour = "*", minute = "*/5", persistent = false, info = "dns-log-cache-statistics")
    void logCacheStatistics() {
        cacheStatistics().ifPresent(stats -> LOG.info(() -> "DNS forwarding cache: " + stats));
    }

    /** Expired certificates leave the zone within a minute of their notAfter. */
    @Schedule(hour = "*", minute = "*", second = "0", persistent = false, info = "dns-withdraw-expired-tlsa")
    void withdrawExpired() {
        int n = zone.withdrawExpired(Instant.now());
        if (n > 0) {
            LOG.fine(() -> n + " expired certificates left the DNS zone");
        }
    }

    @Schedule(hour = "*", minute = "23", persistent = false, info = "dns-renew-doq-certificate")
    void renewDoqCertificate() {
        X509Certificate current = doqCertificate;
        DoqServer server = doq;
        if (server == null || current == null || !due(current)) {
            return;
        }
        DoqCredentials credentials = issueDoqCertificate(zone.settings());
        try {
            server.replaceCertificate(credentials.key(), credentials.chain());
            doqCertificate = credentials.chain().get(0);
            LOG.info(() -> "the DoQ listener restarted with a renewed certificate, valid until " + doqCertificate.getNotAfter().toInstant());
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "could not restart the DoQ listener with its renewed certificate", e);
        }
    }

    private static boolean due(X509Certificate cert) {
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        return Instant.now().isAfter(notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(3)));
    }

    private void seedOnce(DnsSettings settings) {
        if (!store.claimSeeding()) {
            return;
        }
        String address = settings.seedAddress().getHostAddress();
        Instant now = Instant.now();
        for (String seed : settings.seedNames()) {
            String relative = DnsNames.relative(seed, settings.origin());
            store.replace(relative, List.of(address), SEED_ACTOR, now);
            audit.record(new AuditEvent(SEED_ACTOR, "dns.records.replaced", "dns_name",
                    DnsNames.absolute(relative, settings.origin()).toString(), Map.of("aaaa", address, "seed", "true")));
        }
    }

    private record DoqCredentials(PrivateKey key, List<X509Certificate> chain) {
    }

    /** A fresh P-256 key and a server certificate for {@link DnsSettings#doqNames()}. */
    private DoqCredentials issueDoqCertificate(DnsSettings settings) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            List<String> names = settings.doqNames();
            IssuedCertificate issued = issuance.issue(new IssuanceCommand(csr(pair, names), "server", DOQ_LIFETIME_HOURS,
                    config.region(), SystemIdentities.DOQ_LISTENER));
            zone.exclude(issued.serialNumber());
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(parse(issued.certificatePem()));
            for (String pem : issued.chainPem()) {
                chain.add(parse(pem));
            }
            LOG.info(() -> "issued DoQ certificate " + issued.serialNumber() + " for " + names + ", valid until " + issued.notAfter());
            return new DoqCredentials(pair.getPrivate(), List.copyOf(chain));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the DoQ listener certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] csr(KeyPair pair, List<String> dnsNames) throws Exception {
        GeneralName[] names = dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + dnsNames.get(0)), pair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
                .getEncoded();
    }

    private static X509Certificate parse(String pem) throws Exception {
        byte[] der = Pem.decode(pem, "CERTIFICATE");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
