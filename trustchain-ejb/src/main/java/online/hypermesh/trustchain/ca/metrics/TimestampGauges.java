package online.hypermesh.trustchain.ca.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * One timestamp gauge (Unix seconds) with a row per label set, replaced as a whole on each
 * refresh: a row that is no longer reported (a CA revoked) leaves the registry. Holds the values
 * itself, since the registry keeps only weak references to what its gauges read.
 */
final class TimestampGauges {
    private final MeterRegistry registry;
    private final String name;
    private final Map<Tags, AtomicLong> rows = new ConcurrentHashMap<>();

    TimestampGauges(MeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    /** Sets every row; rows missing from {@code values} are removed. Called by one thread at a time. */
    void replace(Map<Tags, Instant> values) {
        for (var it = rows.entrySet().iterator(); it.hasNext(); ) {
            var row = it.next();
            if (!values.containsKey(row.getKey())) {
                Gauge gauge = registry.find(name).tags(row.getKey()).gauge();
                if (gauge != null) {
                    registry.remove(gauge);
                }
                it.remove();
            }
        }
        values.forEach((tags, instant) -> rows.computeIfAbsent(tags, t -> {
            AtomicLong holder = new AtomicLong();
            registry.gauge(name, t, holder, AtomicLong::get);
            return holder;
        }).set(instant.getEpochSecond()));
    }
}
