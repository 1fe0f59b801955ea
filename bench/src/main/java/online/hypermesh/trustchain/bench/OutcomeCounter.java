package online.hypermesh.trustchain.bench;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts successes and failures, the latter by status code (or "io:..." for transport failures). */
final class OutcomeCounter {
    static final String SUCCESS = "201";

    private final LongAdder successes = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    void success() {
        successes.increment();
    }

    void failure(String key) {
        failures.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    long successes() {
        return successes.sum();
    }

    long failures() {
        long sum = 0;
        for (LongAdder count : failures.values()) {
            sum += count.sum();
        }
        return sum;
    }

    /** Every outcome with its count; successes under "201". */
    SortedMap<String, Long> byOutcome() {
        SortedMap<String, Long> counts = new TreeMap<>();
        long ok = successes();
        if (ok > 0) {
            counts.put(SUCCESS, ok);
        }
        failures.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }
}
