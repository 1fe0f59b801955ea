package online.hypermesh.trustchain.ca.infrastructure.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.apache.camel.impl.DefaultCamelContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import online.hypermesh.trustchain.ca.config.SiemSettings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.metrics.MetricNames;
import online.hypermesh.trustchain.sinks.cef.CefMapping;
import online.hypermesh.trustchain.sinks.delivery.Backoff;
import online.hypermesh.trustchain.sinks.delivery.SinkDelivery;
import online.hypermesh.trustchain.sinks.delivery.SinkRoutes;
import online.hypermesh.trustchain.sinks.outbox.JdbcEventOutbox;
import online.hypermesh.trustchain.sinks.syslog.SiemSink;
import online.hypermesh.trustchain.sinks.syslog.SyslogTlsTransport;

/**
 * Owns the CamelContext of the event sinks. Started only when a sink is configured (today the
 * SIEM, {@code trustchain.siem.enabled}); without one nothing of Camel runs. The routes read the
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
    TrustChainConfig config;

    @Inject
    MeterRegistry registry;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    private DefaultCamelContext camel;
    private SinkRoutes routes;

    @PostConstruct
    void start() {
        if (!siem.enabled()) {
            return;
        }
        SyslogTlsTransport transport = new SyslogTlsTransport(new SyslogTlsTransport.Target(siem.host(), siem.port(), siem.caFile(),
                siem.clientKeyStore(), siem.clientKeyStorePassword().orElse("").toCharArray(), Duration.ofSeconds(5),
                Duration.ofMillis(100)));
        String version = Optional.ofNullable(CefMapping.class.getPackage().getImplementationVersion()).orElse("unknown");
        SiemSink sink = new SiemSink(transport, new CefMapping(version), config.nodeName(), siem.maxMessageBytes());
        routes = new SinkRoutes(sink, new JdbcEventOutbox(dataSource), config.nodeName(),
                new SinkDelivery.Options(siem.batchSize(), new Backoff(Duration.ofMillis(500), siem.backoffMax()), LEASE), siem.poll());
        camel = new DefaultCamelContext();
        // Camel finds its components (timer:, direct:) through this class loader: the EAR's lib/.
        camel.setApplicationContextClassLoader(EventSinks.class.getClassLoader());
        camel.getCamelContextExtension().setName("trustchain-event-sinks");
        try {
            camel.addRoutes(routes);
            camel.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the event sinks' routes: " + e.getMessage(), e);
        }
        SinkDelivery delivery = routes.delivery();
        registry.gauge(MetricNames.EVENT_SINK_LAG, Tags.of("sink", sink.name()), delivery, SinkDelivery::lag);
        LOG.info(() -> "event sink " + sink.name() + ": the audit trail goes to syslog over TLS at " + siem.host() + ":" + siem.port()
                + " (batches of " + siem.batchSize() + ", backoff up to " + siem.backoffMax().toMillis() + " ms)");
    }

    @PreDestroy
    void stop() {
        if (camel != null) {
            camel.stop();
            routes.delivery().stop();
            camel = null;
        }
    }
}
