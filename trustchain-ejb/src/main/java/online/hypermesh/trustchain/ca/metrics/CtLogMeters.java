package online.hypermesh.trustchain.ca.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import online.hypermesh.trustchain.ca.api.CtLogService.WitnessReport;
import online.hypermesh.trustchain.ca.api.CtLogService.WitnessState;
import online.hypermesh.trustchain.ct.log.LogMetrics;
import online.hypermesh.trustchain.ct.log.SignedTreeHead;

/**
 * The CT log's figures: ct-log reports through {@link LogMetrics}; the leader's sequencer
 * reports every head it commits, and {@link OperationalGauges} the stored head on every node.
 * Byzantine behaviour (a witness or a log signing two different trees of one size) is counted
 * by {@link #byzantineDetected()}; the witnesses' figures by {@link #witnesses}.
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
    private final List<Supplier<WitnessReport>> witnessReports = new java.util.concurrent.CopyOnWriteArrayList<>();

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

    /** One piece of evidence that the log's key signed two trees of one size (a witness holds the other). */
    public void byzantineDetected() {
        byzantine.increment();
    }

    /**
     * Per configured witness (a closed set from configuration): the latest size it cosigned and
     * that cosignature's timestamp (its age is {@code time() - ...}), whether it holds a split view,
     * and the largest size a quorum has cosigned. -1 while a witness has cosigned nothing.
     */
    public void witnesses(List<String> names, Supplier<WitnessReport> report) {
        // Micrometer holds a gauge's object weakly; this keeps the supplier alive as long as the meters.
        witnessReports.add(report);
        registry.gauge(MetricNames.CT_CHECKPOINT_CONFIRMED_SIZE, Tags.empty(), report,
                r -> r.get() == null ? Double.NaN : r.get().confirmedSize());
        for (String name : names) {
            Tags tags = Tags.of("witness", name);
            registry.gauge(MetricNames.CT_WITNESS_COSIGNED_SIZE, tags, report, r -> state(r, name).map(WitnessState::cosignedSize).orElse(-1L));
            registry.gauge(MetricNames.CT_WITNESS_COSIGNED_TIMESTAMP, tags, report,
                    r -> state(r, name).map(WitnessState::cosignedAt).orElse(-1L));
            registry.gauge(MetricNames.CT_WITNESS_SPLIT_VIEW, tags, report, r -> state(r, name).map(s -> s.splitView() ? 1 : 0).orElse(0));
        }
    }

    private static Optional<WitnessState> state(Supplier<WitnessReport> report, String name) {
        WitnessReport r = report.get();
        return r == null ? Optional.empty() : r.witnesses().stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
