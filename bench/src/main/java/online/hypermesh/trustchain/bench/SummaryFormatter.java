package online.hypermesh.trustchain.bench;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Renders the end-of-run report for people and a {@code RESULT {json}} line for machines. Never prints the token. */
final class SummaryFormatter {
    static final String RESULT_PREFIX = "RESULT ";

    private SummaryFormatter() {
    }

    static String settings(BenchConfig config) {
        String length = config.fixedCount()
                ? config.requests() + " requests"
                : config.durationSeconds() + " s";
        return String.format(Locale.ROOT,
                "settings: url=%s http=%s form=%s key=%s profile=%s concurrency=%d warmup=%d s measure=%s csrs=%d",
                config.baseUrl(), config.httpVersionName(), config.form().cliName(), config.keyType().cliName(),
                config.profile(), config.concurrency(), config.warmupSeconds(), length, config.csrs());
    }

    static String human(BenchConfig config, RunResult result) {
        LatencySnapshot l = result.latency();
        StringBuilder out = new StringBuilder();
        out.append("== issuance benchmark ==\n");
        out.append(settings(config)).append('\n');
        out.append(String.format(Locale.ROOT, "requests:   %d in %.2f s (%d ok, %d errors, %.2f%% failed)%n",
                result.requests(), result.windowSeconds(), result.ok(), result.errors(), 100 * result.errorRate()));
        out.append(String.format(Locale.ROOT, "throughput: %.1f req/s (%.1f certificates/s)%n",
                result.throughput(), result.issuedPerSecond()));
        out.append(String.format(Locale.ROOT,
                "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (mean %.2f, successes only)%n",
                l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean()));
        out.append("outcomes:   ").append(outcomes(result.outcomes())).append('\n');
        if (result.clientCpuSeconds() >= 0 && result.windowSeconds() > 0) {
            out.append(String.format(Locale.ROOT, "client cpu: %.2f cores, %.0f us per request%n",
                    result.clientCpuSeconds() / result.windowSeconds(), result.clientCpuMicrosPerRequest()));
        }
        out.append(result.passed() ? "verdict:    PASS" : "verdict:    FAIL (more than 1% failed or nothing completed)");
        return out.toString();
    }

    static String resultLine(BenchConfig config, RunResult result, Instant finishedAt) {
        LatencySnapshot l = result.latency();
        StringJoiner status = new StringJoiner(",", "{", "}");
        result.outcomes().forEach((key, count) -> status.add(Json.quote(key) + ":" + count));
        StringJoiner json = new StringJoiner(",", "{", "}");
        json.add("\"benchmark\":\"issuance\"");
        json.add("\"finished_at\":" + Json.quote(finishedAt.toString()));
        json.add("\"url\":" + Json.quote(config.baseUrl().toString()));
        json.add("\"http\":" + Json.quote(config.httpVersionName()));
        json.add("\"form\":" + Json.quote(config.form().cliName()));
        json.add("\"key\":" + Json.quote(config.keyType().cliName()));
        json.add("\"profile\":" + Json.quote(config.profile()));
        json.add("\"concurrency\":" + config.concurrency());
        json.add("\"rate_limit_rps\":" + (config.rate() > 0 ? Long.toString((long) config.rate()) : "null"));
        json.add("\"warmup_s\":" + config.warmupSeconds());
        json.add("\"duration_s\":" + (config.fixedCount() ? "null" : Integer.toString(config.durationSeconds())));
        json.add("\"requests_limit\":" + (config.fixedCount() ? Long.toString(config.requests()) : "null"));
        json.add("\"csrs\":" + config.csrs());
        json.add("\"requests\":" + result.requests());
        json.add("\"ok\":" + result.ok());
        json.add("\"errors\":" + result.errors());
        json.add("\"error_rate\":" + number(result.errorRate(), 5));
        json.add("\"window_s\":" + number(result.windowSeconds(), 3));
        json.add("\"throughput_rps\":" + number(result.throughput(), 1));
        json.add("\"issued_per_s\":" + number(result.issuedPerSecond(), 1));
        json.add("\"latency_ms\":{\"p50\":" + number(l.p50(), 3) + ",\"p90\":" + number(l.p90(), 3)
                + ",\"p99\":" + number(l.p99(), 3) + ",\"p999\":" + number(l.p999(), 3)
                + ",\"max\":" + number(l.max(), 3) + ",\"mean\":" + number(l.mean(), 3) + "}");
        json.add("\"status\":" + status);
        json.add("\"client_cpu_s\":" + (result.clientCpuSeconds() >= 0 ? number(result.clientCpuSeconds(), 3) : "null"));
        json.add("\"passed\":" + result.passed());
        return RESULT_PREFIX + json;
    }

    /** One progress line. */
    static String progress(long elapsedSeconds, String phase, double rate, long ok, long errors, LatencySnapshot l) {
        return String.format(Locale.ROOT, "[%4ds] %-7s %9.1f req/s  ok %7d  err %5d  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms",
                elapsedSeconds, phase, rate, ok, errors, l.p50(), l.p99(), l.max());
    }

    private static String outcomes(Map<String, Long> outcomes) {
        if (outcomes.isEmpty()) {
            return "none";
        }
        StringJoiner joiner = new StringJoiner(", ");
        outcomes.forEach((key, count) -> joiner.add(key + "=" + count));
        return joiner.toString();
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
