package online.hypermesh.trustchain.ca.metrics;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.xbill.DNS.Rcode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import online.hypermesh.trustchain.doq.forward.CacheStatistics;
import online.hypermesh.trustchain.doq.zone.QueryObserver;

/** The mesh DNS: queries by transport and response code, answer time, forwarding cache. */
@ApplicationScoped
public class DnsMeters {
    @Inject
    MeterRegistry registry;

    private HistogramTimers timers;
    /** Held here: the registry keeps only weak references to what its gauges read. */
    private volatile Supplier<Optional<CacheStatistics>> cache = Optional::empty;

    @PostConstruct
    void start() {
        timers = HistogramTimers.of(registry);
    }

    /** An observer for one transport, {@code classic} (UDP and TCP) or {@code doq}. */
    public QueryObserver observer(String transport) {
        Timer duration = timers.timer(MetricNames.DNS_RESOLUTION_DURATION, "Time to answer a DNS query, forwarding included",
                Tags.of("transport", transport));
        // The registry looks a meter up by searching its meters; per query that would cost, so the
        // counters are kept here, one per response code seen (Rcode.string names the 4-bit codes and
        // numbers the rest, at most 4096).
        Map<Integer, Counter> byRcode = new ConcurrentHashMap<>();
        return (rcode, nanos) -> {
            byRcode.computeIfAbsent(rcode, r -> registry.counter(MetricNames.DNS_QUERIES, "transport", transport, "rcode", Rcode.string(r)))
                    .increment();
            duration.record(nanos, TimeUnit.NANOSECONDS);
        };
    }

    /** The forwarding cache, read at every scrape; zero while nothing is forwarded. */
    public void watchCache(Supplier<Optional<CacheStatistics>> statistics) {
        cache = statistics;
        registry.gauge(MetricNames.DNS_CACHE_HIT_RATIO, Tags.empty(), this,
                m -> m.cache.get().map(CacheStatistics::hitRatio).orElse(0.0));
        registry.more().counter(MetricNames.DNS_CACHE_HITS, Tags.empty(), this,
                m -> m.cache.get().map(CacheStatistics::hits).orElse(0L));
        registry.more().counter(MetricNames.DNS_CACHE_MISSES, Tags.empty(), this,
                m -> m.cache.get().map(CacheStatistics::misses).orElse(0L));
    }
}
