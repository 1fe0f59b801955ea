package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;

/** One benchmark run: prepare CSRs and requests, warm up, measure, report. */
final class IssuanceRun {
    private final BenchConfig config;
    private final PrintStream out;

    IssuanceRun(BenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    RunResult execute() throws IOException, GeneralSecurityException, InterruptedException {
        String token = TokenSource.resolve(config);
        SSLContext sslContext = config.rootCa() != null ? RootTrust.sslContext(config.rootCa()) : SSLContext.getDefault();
        out.println(SummaryFormatter.settings(config));

        RequestCycle requests = prepareRequests(token);
        HttpClient client = ClientFactory.create(sslContext, config.httpVersion());
        RunControl control = new RunControl(config.requests(), config.rate());
        PhaseStats warmup = new PhaseStats("warmup", false);
        PhaseStats measure = new PhaseStats("measure", true);

        long runStart = System.nanoTime();
        control.start(config.warmupSeconds() > 0 ? warmup : measure, runStart);
        List<Thread> workers = startWorkers(client, requests, control);
        ProgressReporter progress = new ProgressReporter(control, out, runStart);
        progress.start(config.progressSeconds());

        if (config.warmupSeconds() > 0) {
            Thread.sleep(config.warmupSeconds() * 1_000L);
            control.start(measure, System.nanoTime());
        }
        long cpuStart = CpuClock.processCpuNanos();
        long measureStart = measure.startNanos();
        if (!config.fixedCount()) {
            long end = measureStart + config.durationSeconds() * 1_000_000_000L;
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                Thread.sleep(Math.max(1, left / 1_000_000));
            }
            control.stop();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long measureEnd = System.nanoTime();
        long cpuEnd = CpuClock.processCpuNanos();
        control.stop();
        progress.stop();

        RunResult result = result(measure, measureEnd - measureStart,
                cpuStart >= 0 && cpuEnd >= 0 ? (cpuEnd - cpuStart) / 1e9 : -1);
        out.println(SummaryFormatter.human(config, result));
        out.println(SummaryFormatter.resultLine(config, result, Instant.now()));
        return result;
    }

    private RequestCycle prepareRequests(String token) {
        long start = System.nanoTime();
        List<byte[]> csrs = new CsrGenerator(config.keyType()).generateDer(config.csrs());
        IssuanceRequestFactory factory = new IssuanceRequestFactory(config.baseUrl(), token, config.form(),
                config.profile(), config.validityHours(), Duration.ofSeconds(config.timeoutSeconds()));
        List<HttpRequest> requests = new ArrayList<>(csrs.size());
        for (byte[] csr : csrs) {
            requests.add(factory.create(csr));
        }
        out.printf(Locale.ROOT, "prepared %d %s CSRs in %.1f s; POST %s%n", csrs.size(), config.keyType().cliName(),
                (System.nanoTime() - start) / 1e9, factory.endpoint());
        return new RequestCycle(requests);
    }

    private List<Thread> startWorkers(HttpClient client, RequestCycle requests, RunControl control) {
        ResponseClassifier classifier = new ResponseClassifier(config.form());
        FailureLog failureLog = new FailureLog(out);
        List<Thread> workers = new ArrayList<>(config.concurrency());
        for (int i = 0; i < config.concurrency(); i++) {
            Thread worker = new Thread(new LoadWorker(client, requests, control, classifier, failureLog),
                    "bench-worker-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        return workers;
    }

    private static RunResult result(PhaseStats measure, long windowNanos, double cpuSeconds) {
        OutcomeCounter outcomes = measure.outcomes();
        long ok = outcomes.successes();
        long errors = outcomes.failures();
        return new RunResult(ok + errors, ok, errors, windowNanos / 1e9,
                LatencySnapshot.of(measure.total()), outcomes.byOutcome(), cpuSeconds);
    }
}
