package online.hypermesh.trustchain.ca.infrastructure.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.apache.camel.impl.DefaultCamelContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;

import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.ca.config.LdapSettings;
import online.hypermesh.trustchain.ca.config.S3Settings;
import online.hypermesh.trustchain.ca.config.SiemSettings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.metrics.MetricNames;
import online.hypermesh.trustchain.ca.domain.AuditKeySource;
import online.hypermesh.trustchain.sinks.cef.CefMapping;
import online.hypermesh.trustchain.sinks.delivery.Backoff;
import online.hypermesh.trustchain.sinks.delivery.SinkDelivery;
import online.hypermesh.trustchain.sinks.delivery.SinkRoutes;
import online.hypermesh.trustchain.sinks.ldap.LdapSink;
import online.hypermesh.trustchain.sinks.ldap.PublishedObjects;
import online.hypermesh.trustchain.sinks.outbox.JdbcEventOutbox;
import online.hypermesh.trustchain.sinks.s3.AuditSegments;
import online.hypermesh.trustchain.sinks.s3.CtTileSource;
import online.hypermesh.trustchain.sinks.s3.S3Archive;
import online.hypermesh.trustchain.sinks.s3.S3ArchiveDelivery;
import online.hypermesh.trustchain.sinks.s3.S3ArchiveRoutes;
import online.hypermesh.trustchain.sinks.syslog.SiemSink;
import online.hypermesh.trustchain.sinks.syslog.SyslogTlsTransport;

/**
 * Owns the CamelContext of the event sinks. Started only when a sink is configured (the SIEM,
 * {@code trustchain.siem.enabled}; the directory, {@code trustchain.ldap.publish.base}; the S3
 * archive, {@code trustchain.s3.enabled}); without one nothing of Camel runs. The routes read the
 * audit chain (the outbox) on their own timer thread, so a slow or absent receiver never touches
 * issuance; the lag is the gauge {@code trustchain_event_sink_lag_events{sink}}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventSinks {
    private static final Logger LOG = Logger.getLogger(EventSinks.class.getName());
    /** How long a node's claim on a sink lasts without renewal (a node that died is replaced after this). */
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    SiemSettings siem;

    @Inject
    LdapSettings ldap;

    @Inject
    S3Settings s3;

    @Inject
    TrustChainConfig config;

    @Inject
    AuditKeySource auditKey;

    @EJB
    CtLogService ct;

    @Inject
    MeterRegistry registry;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    /** How often the directory sink looks for new events. */
    private static final Duration LDAP_POLL = Duration.ofMillis(500);

    private DefaultCamelContext camel;
    private final List<SinkRoutes> routes = new ArrayList<>();
    private S3ArchiveRoutes archive;
    private software.amazon.awssdk.services.s3.S3Client archiveClient;

    @PostConstruct
    void start() {
        if (siem.enabled()) {
            routes.add(siemRoutes());
        }
        if (ldap.publishBase().isPresent()) {
            routes.add(directoryRoutes());
        }
        if (s3.enabled()) {
            archive = archiveRoutes();
        }
        if (routes.isEmpty() && archive == null) {
            return;
        }
        camel = new DefaultCamelContext();
        // Camel finds its components (timer:, direct:) through this class loader: the EAR's lib/.
        camel.setApplicationContextClassLoader(EventSinks.class.getClassLoader());
        camel.getCamelContextExtension().setName("trustchain-event-sinks");
        try {
            for (SinkRoutes r : routes) {
                camel.addRoutes(r);
            }
            if (archive != null) {
                camel.addRoutes(archive);
            }
            camel.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the event sinks' routes: " + e.getMessage(), e);
        }
        for (SinkRoutes r : routes) {
            SinkDelivery delivery = r.delivery();
            registry.gauge(MetricNames.EVENT_SINK_LAG, Tags.of("sink", r.sinkName()), delivery, SinkDelivery::lag);
        }
        if (archive != null) {
            registry.gauge(MetricNames.EVENT_SINK_LAG, Tags.of("sink", S3ArchiveDelivery.SINK), archive.delivery(), S3ArchiveDelivery::lag);
        }
    }

    private S3ArchiveRoutes archiveRoutes() {
        S3Archive.Target target = S3AuditArchive.target(s3);
        AuditSegments segments = new AuditSegments(dataSource, auditKey.auditKey().getEncoded());
        LOG.info(() -> "event sink " + S3ArchiveDelivery.SINK + ": the audit trail is archived to " + target.describe() + " in segments of at most "
                + s3.segmentMaxEvents() + " events, each locked " + (s3.retentionYears() == 0 ? "(no lock requested)"
                : "in COMPLIANCE mode for " + s3.retentionYears() + " years")
                + (s3.ct() ? "; the CT log's tiles and checkpoints too" : ""));
        archiveClient = S3Archive.client(target, java.time.Clock.systemUTC(), List.of());
        CtTileSource ctLog = s3.ct() ? new CtLogTiles(ct) : null;
        return new S3ArchiveRoutes(target, archiveClient, segments, ctLog,
                new JdbcEventOutbox(dataSource), config.nodeName(), s3.segmentMaxEvents(), new Backoff(Duration.ofMillis(500), s3.backoffMax()),
                LEASE, s3.poll());
    }

    private SinkRoutes directoryRoutes() {
        DN base;
        try {
            base = new DN(ldap.publishBase().get());
        } catch (LDAPException e) {
            throw new IllegalStateException(LdapSettings.PUBLISH_BASE.name() + " is not a DN: " + e.getMessage(), e);
        }
        LdapSink sink = new LdapSink(ldap.endpoint(), base, LdapSink.EntryOf.valueOf(ldap.publishEntry().toUpperCase(Locale.ROOT)),
                new PublishedObjects(dataSource));
        LOG.info(() -> "event sink " + sink.name() + ": certificates, CA certificates and CRLs go to " + ldap.url().orElseThrow() + " below " + base
                + " (entries of the " + ldap.publishEntry() + ")");
        return new SinkRoutes(sink, new JdbcEventOutbox(dataSource), config.nodeName(),
                new SinkDelivery.Options(100, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), LEASE), LDAP_POLL);
    }

    private SinkRoutes siemRoutes() {
        SyslogTlsTransport transport = new SyslogTlsTransport(new SyslogTlsTransport.Target(siem.host(), siem.port(), siem.caFile(),
                siem.clientKeyStore(), siem.clientKeyStorePassword().orElse("").toCharArray(), Duration.ofSeconds(5),
                Duration.ofMillis(100)));
        String version = Optional.ofNullable(CefMapping.class.getPackage().getImplementationVersion()).orElse("unknown");
        SiemSink sink = new SiemSink(transport, new CefMapping(version), config.nodeName(), siem.maxMessageBytes());
        LOG.info(() -> "event sink " + sink.name() + ": the audit trail goes to syslog over TLS at " + siem.host() + ":" + siem.port()
                + " (batches of " + siem.batchSize() + ", backoff up to " + siem.backoffMax().toMillis() + " ms)");
        return new SinkRoutes(sink, new JdbcEventOutbox(dataSource), config.nodeName(),
                new SinkDelivery.Options(siem.batchSize(), new Backoff(Duration.ofMillis(500), siem.backoffMax()), LEASE), siem.poll());
    }

    @PreDestroy
    void stop() {
        if (camel != null) {
            camel.stop();
            routes.forEach(r -> r.delivery().stop());
            if (archive != null) {
                archive.delivery().stop();
                archiveClient.close();
            }
            camel = null;
        }
    }
}
