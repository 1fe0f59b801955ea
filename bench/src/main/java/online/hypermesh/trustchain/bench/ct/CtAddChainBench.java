package online.hypermesh.trustchain.bench.ct;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLContext;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import online.hypermesh.trustchain.bench.ClientFactory;
import online.hypermesh.trustchain.bench.RootTrust;

/**
 * End-to-end add-chain load on a running TrustChain: registers a bench root through
 * {@code POST /api/v1/ct/roots} (admin token), mints distinct leaves under a bench intermediate
 * locally (Bouncy Castle), then {@code --concurrency} closed-loop workers POST
 * {@code /ct/v1/add-chain} over TLS 1.3 (trusting only {@code <data-dir>/root.pem}) for
 * {@code --duration} seconds after {@code --warmup}. Latency runs from sending the request to
 * having the SCT. Every {@code --sample}-th measured answer is checked against the log key from
 * /log.json (a wrong SCT counts as an error), and its worker then reads get-sth to see whether the
 * entry is already in a signed tree head: the time from submission to that verified head is the
 * observed time to inclusion (an upper bound: it includes the get-sth round trip).
 */
public final class CtAddChainBench {
    static final String USAGE = String.join("\n",
            "Usage: bench/ct.sh --data-dir DIR [options]",
            "  --data-dir DIR     the server's data directory (root.pem, admin-token)",
            "  --port-offset N    the server's --port-offset (default 0): API on 8443+N, log on 6962+N",
            "  --api URL          REST base (default https://[::1]:<8443+offset>)",
            "  --log URL          CT log base (default https://[::1]:<6962+offset>)",
            "  --concurrency C    requests in flight, one worker each (default 16)",
            "  --duration S       measured seconds (default 20)",
            "  --warmup S         unmeasured seconds first (default 10)",
            "  --certs N          leaves minted before the run (default 100000); the run stops early if they run out",
            "  --sample K         verify every K-th measured SCT and check its inclusion (default 50)",
            "  --timeout S        per-request timeout (default 30)");
    private static final Set<String> VALUED = Set.of("data-dir", "port-offset", "api", "log", "concurrency", "duration", "warmup", "certs",
            "sample", "timeout");

    public static void main(String[] argv) throws Exception {
        Flags flags;
        try {
            flags = Flags.parse(argv, VALUED, Set.of("help"));
            if (flags.bool("help")) {
                System.out.println(USAGE);
                return;
            }
            if (!flags.has("data-dir")) {
                throw new IllegalArgumentException("--data-dir is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ct.sh: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.exit(new CtAddChainBench(flags).run());
    }

    private final Path dataDir;
    private final URI api;
    private final URI log;
    private final int concurrency;
    private final int duration;
    private final int warmup;
    private final int certs;
    private final int sampleEvery;
    private final Duration timeout;

    private CtAddChainBench(Flags flags) {
        dataDir = Path.of(flags.string("data-dir", "data"));
        int offset = flags.integer("port-offset", 0, 0, 50_000);
        api = URI.create(flags.string("api", "https://[::1]:" + (8443 + offset)));
        log = URI.create(flags.string("log", "https://[::1]:" + (6962 + offset)));
        concurrency = flags.integer("concurrency", 16, 1, 4096);
        duration = flags.integer("duration", 20, 1, 3600);
        warmup = flags.integer("warmup", 10, 0, 3600);
        certs = flags.integer("certs", 100_000, 1, 10_000_000);
        sampleEvery = flags.integer("sample", 50, 1, 1_000_000);
        timeout = Duration.ofSeconds(flags.integer("timeout", 30, 1, 600));
    }

    private int run() throws Exception {
        SSLContext tls = RootTrust.sslContext(dataDir.resolve("root.pem"));
        HttpClient client = ClientFactory.create(tls, HttpClient.Version.HTTP_1_1);
        String token = Files.readString(dataDir.resolve("admin-token")).trim();

        HttpResponse<String> logJson = client.send(HttpRequest.newBuilder(log.resolve("/log.json")).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (logJson.statusCode() != 200) {
            System.err.println("ct.sh: GET " + log.resolve("/log.json") + " answered " + logJson.statusCode() + ": " + logJson.body());
            return 2;
        }
        LogAnswers answers = LogAnswers.fromLogJson(FlatJson.parse(logJson.body()));

        BenchPki pki = new BenchPki("CT HTTP Bench " + Long.toString(System.currentTimeMillis(), 36));
        HttpResponse<String> added = client.send(HttpRequest.newBuilder(api.resolve("/api/v1/ct/roots")).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pkix-cert")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pki.root())).build(), HttpResponse.BodyHandlers.ofString());
        if (added.statusCode() != 201 && added.statusCode() != 200) {
            System.err.println("ct.sh: registering the bench root answered " + added.statusCode() + ": " + added.body());
            return 2;
        }
        System.out.println("bench root registered: " + added.statusCode() + " " + FlatJson.parse(added.body()).get("fingerprint"));

        long mintStart = System.nanoTime();
        List<byte[]> leaves = pki.leaves("c", certs);
        String intermediate = Base64.getEncoder().encodeToString(pki.intermediate());
        List<byte[]> bodies = leaves.parallelStream()
                .map(leaf -> ("{\"chain\":[\"" + Base64.getEncoder().encodeToString(leaf) + "\",\"" + intermediate + "\"]}")
                        .getBytes(StandardCharsets.US_ASCII))
                .toList();
        System.out.printf(Locale.ROOT, "minted %d leaves and their add-chain bodies in %.1f s%n", certs, (System.nanoTime() - mintStart) / 1e9);

        Run run = new Run(client, answers, leaves, bodies);
        return run.execute();
    }

    /** One closed-loop run: workers, counters, and the summary. */
    private final class Run {
        final HttpClient client;
        final LogAnswers answers;
        final List<byte[]> leaves;
        final List<byte[]> bodies;
        final URI addChain = log.resolve("/ct/v1/add-chain");
        final URI getSth = log.resolve("/ct/v1/get-sth");
        final AtomicInteger next = new AtomicInteger();
        final ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        final ConcurrentHistogram inclusion = new ConcurrentHistogram(3_600_000_000L, 3);
        final LongAdder ok = new LongAdder();
        /** Measured 200 answers, counted once each, so every K-th is sampled exactly. */
        final AtomicLong answered = new AtomicLong();
        final LongAdder sampled = new LongAdder();
        final LongAdder wrong = new LongAdder();
        final LongAdder notYetIncluded = new LongAdder();
        final LongAdder badSth = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final Set<String> shownErrors = ConcurrentHashMap.newKeySet();
        final AtomicLong lastMeasured = new AtomicLong();
        volatile long measureFrom;
        volatile long end;

        Run(HttpClient client, LogAnswers answers, List<byte[]> leaves, List<byte[]> bodies) {
            this.client = client;
            this.answers = answers;
            this.leaves = leaves;
            this.bodies = bodies;
        }

        int execute() throws Exception {
            long start = System.nanoTime();
            measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
            end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                Thread t = new Thread(this::work, "add-chain-" + w);
                t.start();
                workers.add(t);
            }
            long cpuBefore = 0;
            while (System.nanoTime() < measureFrom) {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime())));
            }
            cpuBefore = cpu();
            long progressAt = measureFrom + TimeUnit.SECONDS.toNanos(5);
            while (workers.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(200);
                if (System.nanoTime() >= progressAt) {
                    System.out.printf(Locale.ROOT, "  %4.0f s: %d SCTs, %d errors%n", (System.nanoTime() - measureFrom) / 1e9, ok.sum(),
                            errors.values().stream().mapToLong(LongAdder::sum).sum());
                    progressAt += TimeUnit.SECONDS.toNanos(5);
                }
            }
            long cpu = cpu() - cpuBefore;
            if (next.get() >= bodies.size()) {
                System.out.println("note: the minted leaves ran out before the end of the run; raise --certs");
            }
            return report(Math.max(1, lastMeasured.get() - measureFrom), cpu);
        }

        private void work() {
            int i;
            while (System.nanoTime() < end && (i = next.getAndIncrement()) < bodies.size()) {
                long t0 = System.nanoTime();
                boolean measuring = t0 >= measureFrom;
                HttpRequest request = HttpRequest.newBuilder(addChain).timeout(timeout).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
                HttpResponse<String> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    if (measuring) {
                        error("io:" + e.getClass().getSimpleName(), e.toString());
                    }
                    continue;
                }
                long t1 = System.nanoTime();
                if (!measuring) {
                    continue;
                }
                if (response.statusCode() != 200) {
                    error(Integer.toString(response.statusCode()), response.body());
                    continue;
                }
                boolean sample = answered.incrementAndGet() % sampleEvery == 0;
                if (sample) {
                    LogAnswers.SctVerdict verdict;
                    try {
                        verdict = answers.checkSct(FlatJson.parse(response.body()), leaves.get(i));
                    } catch (IllegalArgumentException e) {
                        verdict = LogAnswers.SctVerdict.wrong(e.getMessage());
                    }
                    sampled.increment();
                    if (!verdict.ok()) {
                        wrong.increment();
                        error("wrong-sct", verdict.problem());
                        continue;
                    }
                    checkInclusion(verdict.leafIndex(), t0);
                }
                latency.recordValue((t1 - t0) / 1000);
                ok.increment();
                lastMeasured.accumulateAndGet(t1, Math::max);
            }
        }

        /** Reads get-sth right after the SCT: the entry should already be in the verified head. */
        private void checkInclusion(long leafIndex, long submitted) {
            try {
                HttpResponse<String> sth = client.send(HttpRequest.newBuilder(getSth).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                long now = System.nanoTime();
                long size = sth.statusCode() == 200 ? answers.verifiedTreeSize(FlatJson.parse(sth.body())) : -1;
                if (size < 0) {
                    badSth.increment();
                    error("bad-sth", sth.statusCode() + " " + sth.body());
                } else if (size <= leafIndex) {
                    notYetIncluded.increment();
                } else {
                    inclusion.recordValue((now - submitted) / 1000);
                }
            } catch (Exception e) {
                error("io:get-sth", e.toString());
            }
        }

        private void error(String kind, String detail) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
            if (shownErrors.add(kind)) {
                System.out.println("  first " + kind + ": " + (detail.length() > 300 ? detail.substring(0, 300) + "..." : detail));
            }
        }

        private int report(long windowNanos, long cpuNanos) {
            double window = windowNanos / 1e9;
            long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
            double perSecond = ok.sum() / window;
            Map<String, Long> byKind = new TreeMap<>();
            errors.forEach((k, v) -> byKind.put(k, v.sum()));
            System.out.printf(Locale.ROOT, "%nadd-chain: %d SCTs in %.2f s = %.0f/s at concurrency %d; errors %d %s%n", ok.sum(), window, perSecond,
                    concurrency, errorCount, byKind);
            System.out.printf(Locale.ROOT, "request -> SCT: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", ms(latency, 50),
                    ms(latency, 90), ms(latency, 99), ms(latency, 99.9), latency.getMaxValue() / 1000.0);
            System.out.printf(Locale.ROOT, "sampled %d SCTs (every %d-th): %d wrong; in the verified get-sth read right after the SCT: %d, not yet: %d%n",
                    sampled.sum(), sampleEvery, wrong.sum(), inclusion.getTotalCount(), notYetIncluded.sum());
            System.out.printf(Locale.ROOT, "submission -> entry seen in a verified signed tree head: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                    + " (includes the get-sth round trip)%n", ms(inclusion, 50), ms(inclusion, 99), inclusion.getMaxValue() / 1000.0);
            System.out.printf(Locale.ROOT, "client CPU %.2f cores%n", cpuNanos / (double) windowNanos);
            boolean passed = ok.sum() > 0 && wrong.sum() == 0 && badSth.sum() == 0 && notYetIncluded.sum() == 0
                    && errorCount <= (ok.sum() + errorCount) / 100;
            System.out.printf(Locale.ROOT, "RESULT {\"benchmark\":\"ct-add-chain\",\"finished_at\":\"%s\",\"log\":\"%s\",\"concurrency\":%d,"
                            + "\"warmup_s\":%d,\"duration_s\":%d,\"scts\":%d,\"errors\":%d,\"window_s\":%.3f,\"scts_per_s\":%.1f,"
                            + "\"latency_ms\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},\"sampled\":%d,\"wrong_scts\":%d,"
                            + "\"inclusion_ms\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},\"not_yet_included\":%d,\"passed\":%s}%n",
                    Instant.now(), log, concurrency, warmup, duration, ok.sum(), errorCount, window, perSecond, ms(latency, 50), ms(latency, 99),
                    latency.getMaxValue() / 1000.0, sampled.sum(), wrong.sum(), ms(inclusion, 50), ms(inclusion, 99),
                    inclusion.getMaxValue() / 1000.0, notYetIncluded.sum(), passed);
            return passed ? 0 : 1;
        }

        private static double ms(Histogram h, double percentile) {
            return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
        }

        private static long cpu() {
            var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
        }
    }
}
