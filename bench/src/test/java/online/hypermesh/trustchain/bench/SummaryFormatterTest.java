package online.hypermesh.trustchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SummaryFormatterTest {

    private static BenchConfig config(String... extra) throws UsageException {
        String[] args = new String[extra.length + 2];
        args[0] = "--data-dir";
        args[1] = "data";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return BenchArgs.parse(args, Map.of());
    }

    private static RunResult result(long ok, long errors) {
        Histogram micros = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            micros.recordValue(i * 10L); // 10 us .. 10 ms
        }
        TreeMap<String, Long> outcomes = new TreeMap<>();
        outcomes.put("201", ok);
        if (errors > 0) {
            outcomes.put("503", errors);
        }
        return new RunResult(ok + errors, ok, errors, 10.0, LatencySnapshot.of(micros), outcomes, 4.0);
    }

    @Test
    void latencySnapshotIsInMilliseconds() {
        LatencySnapshot l = result(1000, 0).latency();
        assertEquals(5.0, l.p50(), 0.01);
        assertEquals(9.9, l.p99(), 0.01);
        assertEquals(10.0, l.max(), 0.01); // HdrHistogram reports the top of the value's bucket
    }

    @Test
    void humanReportShowsThroughputPercentilesAndVerdict() throws Exception {
        String text = SummaryFormatter.human(config(), result(1000, 0));
        assertTrue(text.contains("throughput: 100.0 req/s (100.0 certificates/s)"), text);
        assertTrue(text.contains("p50 5.00  p90 9.01  p99 9.90  p99.9 9.99  max 10.01"), text);
        assertTrue(text.contains("outcomes:   201=1000"), text);
        assertTrue(text.contains("client cpu: 0.40 cores, 4000 us per request"), text);
        assertTrue(text.contains("concurrency=32 warmup=10 s measure=30 s csrs=2000"), text);
        assertTrue(text.endsWith("verdict:    PASS"), text);
    }

    @Test
    void resultLineIsOneJsonObjectWithoutTheToken() throws Exception {
        String line = SummaryFormatter.resultLine(config("--token", "s3cret", "--requests", "990"), result(980, 10),
                Instant.parse("2025-01-02T03:04:05Z"));
        assertTrue(line.startsWith("RESULT {\"benchmark\":\"issuance\",\"finished_at\":\"2025-01-02T03:04:05Z\""), line);
        assertTrue(line.endsWith("}"), line);
        assertFalse(line.contains("\n"));
        assertFalse(line.contains("s3cret"));
        assertTrue(line.contains("\"duration_s\":null,\"requests_limit\":990"), line);
        assertTrue(line.contains("\"requests\":990,\"ok\":980,\"errors\":10,\"error_rate\":0.01010"), line);
        assertTrue(line.contains("\"throughput_rps\":99.0,\"issued_per_s\":98.0"), line);
        assertTrue(line.contains("\"latency_ms\":{\"p50\":5.003,\"p90\":9.007,\"p99\":9.903,\"p999\":9.991,"
                + "\"max\":10.007,\"mean\":5.006}"), line);
        assertTrue(line.contains("\"status\":{\"201\":980,\"503\":10}"), line);
        assertTrue(line.contains("\"passed\":false"), line);
        assertEquals(count(line, '{'), count(line, '}'));
    }

    @Test
    void moreThanOnePercentFailedFails() {
        assertTrue(result(990, 10).passed());
        assertFalse(result(989, 11).passed());
        assertFalse(new RunResult(0, 0, 0, 1, LatencySnapshot.of(new Histogram(3)), new TreeMap<>(), -1).passed());
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
