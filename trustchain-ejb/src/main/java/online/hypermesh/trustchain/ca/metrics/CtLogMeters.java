package online.hypermesh.trustchain.ca.metrics;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import online.hypermesh.trustchain.ct.log.LogMetrics;
import online.hypermesh.trustchain.ct.log.SignedTreeHead;

/**
 * The CT log's figures: ct-log reports through {@link LogMetrics}; the leader's sequencer
 * reports every head it commits, and {@link OperationalGauges} the stored head on every node.
 * Byzantine behaviour (a witness or a log signing two different trees of one size) is counted
 * by {@link #byzantineDetected()}: 0 until witnessing exists, so its alert rule is in place.
 */
@ApplicationScoped
public class CtLogMeters implements LogMetrics {
    @Inject
    MeterRegistry registry;

    private final AtomicLong treeSize = new AtomicLong();
    private final AtomicLong headMillis = new AtomicLong();
    private Timer append;
    private Timer inclusion;
    private Timer consistency;
    private Counter byzantine;

    @PostConstruct
    void register() {
        registry.gauge(MetricNames.CT_LOG_SIZE, Tags.empty(), treeSize, AtomicLong::get);
        registry.gauge(MetricNames.CT_CHECKPOINT, Tags.empty(), headMillis, m -> m.get() / 1000.0);
        HistogramTimers timers = HistogramTimers.of(registry);
        append = timers.timer(MetricNames.CT_APPEND_DURATION, "From submission to its SCT, the entry committed in a signed tree head",
                Tags.empty());
        inclusion = proofTimer(timers, Proof.INCLUSION);
        consistency = proofTimer(timers, Proof.CONSISTENCY);
        byzantine = registry.counter(MetricNames.CT_BYZANTINE);
    }

    private static Timer proofTimer(HistogramTimers timers, Proof proof) {
        return timers.timer(MetricNames.CT_PROOF_DURATION, "Time to compute a Merkle proof",
                Tags.of("proof", proof.name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public void appended(long nanos) {
        append.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void treeHead(SignedTreeHead head) {
        storedHead(head.treeSize(), head.timestamp());
    }

    /** A head read from the database (any node's): heads only grow, so a stale read never moves the figures back. */
    public void storedHead(long size, long timestampMillis) {
        treeSize.accumulateAndGet(size, Math::max);
        headMillis.accumulateAndGet(timestampMillis, Math::max);
    }

    @Override
    public void proofGenerated(Proof proof, long nanos) {
        (proof == Proof.INCLUSION ? inclusion : consistency).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** For the witness work: one piece of evidence that a log or witness equivocated. */
    public void byzantineDetected() {
        byzantine.increment();
    }
}
