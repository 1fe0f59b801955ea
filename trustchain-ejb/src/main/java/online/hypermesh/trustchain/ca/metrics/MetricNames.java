package online.hypermesh.trustchain.ca.metrics;

import java.time.Duration;

/**
 * Micrometer names of TrustChain's meters. The Prometheus names (dots become underscores,
 * counters get {@code _total}, timers {@code _seconds}) are the
 * operator's contract, listed in {@code deploy/prometheus/metrics.txt}.
 */
public final class MetricNames {
    public static final String ISSUED = "trustchain.ca.certificates.issued";
    public static final String ISSUANCE_DURATION = "trustchain.ca.issuance.duration";
    public static final String REFUSALS = "trustchain.ca.refusals";
    public static final String REVOCATIONS = "trustchain.ca.revocations";
    public static final String ISSUANCE_ENABLED = "trustchain.ca.issuance.enabled";
    /** Committed audit events not yet in the hash chain (the sealer's lag). */
    public static final String AUDIT_UNCHAINED = "trustchain.audit.unchained.events";
    /** Per event sink (label sink): chained audit events not yet handed to it. */
    public static final String EVENT_SINK_LAG = "trustchain.event.sink.lag.events";
    public static final String CA_EXPIRY = "trustchain.ca.certificate.expiry.timestamp.seconds";
    public static final String OCSP_RESPONDER_EXPIRY = "trustchain.ocsp.responder.expiry.timestamp.seconds";
    public static final String CRL_THIS_UPDATE = "trustchain.crl.this.update.timestamp.seconds";
    public static final String CRL_NEXT_UPDATE = "trustchain.crl.next.update.timestamp.seconds";

    public static final String CT_LOG_SIZE = "trustchain.ct.log.size";
    public static final String CT_CHECKPOINT = "trustchain.ct.checkpoint.timestamp.seconds";
    public static final String CT_APPEND_DURATION = "trustchain.ct.append.duration";
    public static final String CT_PROOF_DURATION = "trustchain.ct.merkle.proof.generation";
    public static final String CT_BYZANTINE = "trustchain.ct.byzantine.detections";
    public static final String CT_WITNESS_COSIGNED_SIZE = "trustchain.ct.witness.cosigned.size";
    public static final String CT_WITNESS_COSIGNED_TIMESTAMP = "trustchain.ct.witness.cosigned.timestamp.seconds";
    public static final String CT_CHECKPOINT_CONFIRMED_SIZE = "trustchain.ct.checkpoint.confirmed.size";
    public static final String CT_WITNESS_SPLIT_VIEW = "trustchain.ct.witness.split.view";

    public static final String DNS_QUERIES = "trustchain.dns.queries";
    public static final String DNS_RESOLUTION_DURATION = "trustchain.dns.resolution.duration";
    public static final String DNS_CACHE_HIT_RATIO = "trustchain.dns.cache.hit.ratio";
    public static final String DNS_CACHE_HITS = "trustchain.dns.cache.hits";
    public static final String DNS_CACHE_MISSES = "trustchain.dns.cache.misses";

    public static final String HTTP_RESPONSES = "trustchain.http.responses";

    /** Histogram buckets around the alert thresholds (issuance p99 100 ms, DNS 200 ms, CT append 2 s). */
    static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(75), Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(200),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private MetricNames() {
    }
}
