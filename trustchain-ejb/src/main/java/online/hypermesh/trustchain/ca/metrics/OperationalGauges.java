package online.hypermesh.trustchain.ca.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.application.OcspResponders;
import online.hypermesh.trustchain.ca.domain.AuditChainStore;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitchRepository;
import online.hypermesh.trustchain.ca.domain.RevocationStore;
import online.hypermesh.trustchain.core.revocation.OcspResponderCredential;

/**
 * Figures read from the database rather than counted: CA and OCSP responder expiry, the CRLs'
 * thisUpdate and nextUpdate, the CT log's stored head, the issuance switch, the audit chain's lag. Refreshed every 15 s
 * by a timer (the usual scrape interval), so a scrape never waits on the database; each gauge
 * shows the last value read. Revoked CAs are left out: nothing of theirs needs watching.
 */
@Singleton
@Startup
@DependsOn({"CaBootstrap", "OcspResponders", "CrlPublisher", "CtLogBean"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OperationalGauges {
    private static final Logger LOG = Logger.getLogger(OperationalGauges.class.getName());

    @Inject
    MeterRegistry registry;

    @EJB
    AuthorityRegistry authorities;

    @EJB
    OcspResponders responders;

    @EJB
    CtLogService ctLog;

    @Inject
    RevocationStore revocations;

    @Inject
    IssuanceSwitchRepository issuanceSwitch;

    @Inject
    CtLogMeters ctMeters;

    @Inject
    AuditChainStore auditChain;

    private final AtomicLong auditUnchained = new AtomicLong();

    private final AtomicInteger issuanceEnabled = new AtomicInteger(1);
    /** notAfter of each CA certificate that is not revoked. */
    private TimestampGauges caExpiry;
    /** notAfter of each CA's newest OCSP responder certificate. */
    private TimestampGauges responderExpiry;
    /** thisUpdate and nextUpdate of each CA's latest full and delta CRL. */
    private TimestampGauges crlThisUpdate;
    private TimestampGauges crlNextUpdate;

    @PostConstruct
    void start() {
        caExpiry = new TimestampGauges(registry, MetricNames.CA_EXPIRY);
        responderExpiry = new TimestampGauges(registry, MetricNames.OCSP_RESPONDER_EXPIRY);
        crlThisUpdate = new TimestampGauges(registry, MetricNames.CRL_THIS_UPDATE);
        crlNextUpdate = new TimestampGauges(registry, MetricNames.CRL_NEXT_UPDATE);
        // 1 while the emergency switch lets issuance through, 0 while it is off.
        registry.gauge(MetricNames.ISSUANCE_ENABLED, Tags.empty(), issuanceEnabled, AtomicInteger::get);
        registry.gauge(MetricNames.AUDIT_UNCHAINED, Tags.empty(), auditUnchained, AtomicLong::get);
        refresh();
    }

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false, info = "metrics-refresh-gauges")
    void refresh() {
        try {
            read();
        } catch (RuntimeException e) {
            // The gauges keep their last values; a failing database shows in /health and the other figures.
            LOG.log(Level.WARNING, "refreshing the operational gauges failed", e);
        }
    }

    private void read() {
        Map<Tags, Instant> expiry = new HashMap<>();
        Map<Tags, Instant> thisUpdate = new HashMap<>();
        Map<Tags, Instant> nextUpdate = new HashMap<>();
        for (AuthorityRegistry.Entry entry : authorities.all()) {
            if (entry.record().status() == AuthorityStatus.REVOKED) {
                continue;
            }
            String id = entry.record().id();
            Tags tags = Tags.of("issuer", id, "role", entry.isRoot() ? "root" : "intermediate",
                    "status", entry.record().status().name().toLowerCase(java.util.Locale.ROOT));
            expiry.put(tags, entry.authority().certificate().getNotAfter().toInstant());
            revocations.latestFullCrl(id).ifPresent(crl -> {
                thisUpdate.put(Tags.of("issuer", id, "kind", "full"), crl.thisUpdate());
                nextUpdate.put(Tags.of("issuer", id, "kind", "full"), crl.nextUpdate());
            });
            revocations.latestDeltaCrl(id).ifPresent(crl -> {
                thisUpdate.put(Tags.of("issuer", id, "kind", "delta"), crl.thisUpdate());
                nextUpdate.put(Tags.of("issuer", id, "kind", "delta"), crl.nextUpdate());
            });
        }
        Map<String, Instant> newestResponder = new HashMap<>();
        for (OcspResponderCredential credential : responders.current()) {
            Instant notAfter = credential.certificate().getNotAfter().toInstant();
            newestResponder.merge(credential.authority().id(), notAfter, (a, b) -> a.isAfter(b) ? a : b);
        }
        Map<Tags, Instant> responderRows = new HashMap<>();
        newestResponder.forEach((id, notAfter) -> responderRows.put(Tags.of("issuer", id), notAfter));

        caExpiry.replace(expiry);
        crlThisUpdate.replace(thisUpdate);
        crlNextUpdate.replace(nextUpdate);
        responderExpiry.replace(responderRows);
        issuanceEnabled.set(issuanceSwitch.current().enabled() ? 1 : 0);
        auditUnchained.set(auditChain.unchainedCount());
        CtLogService.TreeHead head = ctLog.latestTreeHead();
        ctMeters.storedHead(head.treeSize(), head.timestamp());
    }
}
