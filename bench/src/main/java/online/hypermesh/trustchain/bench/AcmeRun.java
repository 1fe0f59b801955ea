package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

/** One ACME benchmark run: the account and the name, one ACME account per worker, warm-up, measurement, report. */
final class AcmeRun {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final AcmeBench.Options o;
    private final PrintStream out;
    private final String acme;
    private HttpClient client;
    private String token;
    /** Time spent in each step of the measured orders, to show where an order's latency goes. */
    private static final String[] STEPS = {"new-order", "authorization", "challenge", "finalize", "certificate"};
    private final java.util.concurrent.atomic.LongAdder[] stepNanos = new java.util.concurrent.atomic.LongAdder[STEPS.length];
    private final java.util.concurrent.atomic.LongAdder stepOrders = new java.util.concurrent.atomic.LongAdder();

    AcmeRun(AcmeBench.Options options, PrintStream out) {
        this.o = options;
        this.out = out;
        this.acme = options.url() + "/acme/";
        for (int i = 0; i < STEPS.length; i++) {
            stepNanos[i] = new java.util.concurrent.atomic.LongAdder();
        }
    }

    boolean execute() throws IOException, GeneralSecurityException, InterruptedException {
        SSLContext ssl = RootTrust.sslContext(o.dataDir().resolve("root.pem"));
        client = ClientFactory.create(ssl, HttpClient.Version.HTTP_1_1);
        token = Files.readString(o.dataDir().resolve("admin-token")).trim();
        prepareAccountAndName();
        List<byte[]> csrs = new ArrayList<>();
        CsrGenerator generator = new CsrGenerator(KeyType.P256);
        for (int i = 0; i < o.csrs(); i++) {
            csrs.add(generator.generate(o.name()).getEncoded());
        }
        try (Http01Responder responder = new Http01Responder(o.http01Port())) {
            List<Worker> workers = new ArrayList<>();
            AtomicInteger nextCsr = new AtomicInteger();
            for (int i = 0; i < o.concurrency(); i++) {
                workers.add(new Worker(responder, csrs, nextCsr));
            }
            for (Worker w : workers) {
                w.register();
            }
            out.printf(Locale.ROOT, "acme: %d ACME accounts, %d CSRs for %s; http-01 answered on port %d%n", workers.size(), csrs.size(), o.name(),
                    o.http01Port());
            return measure(workers);
        }
    }

    private boolean measure(List<Worker> workers) throws InterruptedException {
        RunControl control = new RunControl(0);
        PhaseStats warmup = new PhaseStats("warmup", false);
        PhaseStats measured = new PhaseStats("measure", true);
        long runStart = System.nanoTime();
        control.start(o.warmupSeconds() > 0 ? warmup : measured, runStart);
        List<Thread> threads = new ArrayList<>();
        FailureLog failures = new FailureLog(out);
        for (Worker w : workers) {
            Thread t = new Thread(() -> w.loop(control, failures), "acme-worker-" + threads.size());
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        ProgressReporter progress = new ProgressReporter(control, out, runStart);
        progress.start(5);
        if (o.warmupSeconds() > 0) {
            Thread.sleep(o.warmupSeconds() * 1000L);
            control.start(measured, System.nanoTime());
        }
        long cpuStart = CpuClock.processCpuNanos();
        Thread.sleep(o.durationSeconds() * 1000L);
        control.stop();
        for (Thread t : threads) {
            t.join();
        }
        long end = System.nanoTime();
        long cpuEnd = CpuClock.processCpuNanos();
        progress.stop();
        double window = (end - measured.startNanos()) / 1e9;
        long ok = measured.outcomes().successes();
        long errors = measured.outcomes().failures();
        LatencySnapshot l = LatencySnapshot.of(measured.total());
        double rate = ok / window;
        out.printf(Locale.ROOT, "acme: %d orders completed, %d failed in %.1f s: %.1f orders/s; order to certificate p50 %.1f ms, p90 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms%n", ok, errors, window, rate, l.p50(), l.p90(), l.p99(), l.max());
        StringBuilder steps = new StringBuilder();
        long n = Math.max(1, stepOrders.sum());
        for (int i = 0; i < STEPS.length; i++) {
            steps.append(i == 0 ? "" : ", ").append(STEPS[i]).append(' ').append(String.format(Locale.ROOT, "%.1f", stepNanos[i].sum() / 1e6 / n)).append(" ms");
        }
        out.println("acme: mean time per step of the measured orders: " + steps);
        boolean passed = ok > 0 && errors <= (ok + errors) / 100;
        out.printf(Locale.ROOT, "RESULT {\"benchmark\":\"acme\",\"finished_at\":\"%s\",\"url\":%s,\"concurrency\":%d,\"warmup_s\":%d,\"duration_s\":%d,"
                + "\"orders\":%d,\"ok\":%d,\"errors\":%d,\"window_s\":%.3f,\"orders_per_s\":%.2f,\"latency_ms\":{\"p50\":%.3f,\"p90\":%.3f,"
                + "\"p99\":%.3f,\"max\":%.3f,\"mean\":%.3f},\"outcomes\":%s,\"client_cpu_s\":%.2f,\"passed\":%s}%n", Instant.now(),
                Json.quote(o.url().toString()), o.concurrency(), o.warmupSeconds(), o.durationSeconds(), ok + errors, ok, errors, window, rate,
                l.p50(), l.p90(), l.p99(), l.max(), l.mean(), outcomes(measured), cpuStart >= 0 && cpuEnd >= 0 ? (cpuEnd - cpuStart) / 1e9 : -1,
                passed);
        return passed;
    }

    private static String outcomes(PhaseStats phase) {
        StringBuilder b = new StringBuilder("{");
        phase.outcomes().byOutcome().forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(Json.quote(k)).append(':').append(v));
        return b.append('}').toString();
    }

    /** The bench's TrustChain account (may have the name), an AAAA ::1 for the name; both may exist from an earlier run. */
    private void prepareAccountAndName() throws IOException, InterruptedException {
        String account = "{\"name\":\"acme-bench\",\"roles\":[\"issuer\"],\"profiles\":[\"server\"],\"regions\":[\"*\"],"
                + "\"scopes\":[{\"type\":\"dns\",\"value\":\"" + o.name() + "\"}]}";
        HttpResponse<String> made = admin("POST", "/api/v1/accounts", account);
        if (made.statusCode() != 201 && made.statusCode() != 409) {
            throw new IllegalStateException("cannot make the account acme-bench: HTTP " + made.statusCode() + " " + made.body());
        }
        HttpResponse<String> aaaa = admin("PUT", "/api/v1/dns/records/" + o.name(), "{\"aaaa\":[\"::1\"]}");
        if (aaaa.statusCode() != 200) {
            throw new IllegalStateException("cannot set AAAA ::1 for " + o.name() + ": HTTP " + aaaa.statusCode() + " " + aaaa.body());
        }
        Thread.sleep(500); // the zone follows the commit within milliseconds
    }

    private HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(o.url() + path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A reply of the ACME server; its nonce goes to the next request. */
    private record Reply(int status, String body, String location, String nonce) {
    }

    /** One ACME client: its account, its latest nonce, and the order cycle. */
    private final class Worker {
        private final Http01Responder responder;
        private final List<byte[]> csrs;
        private final AtomicInteger nextCsr;
        private final AcmeJws key;
        private String kid;
        private String nonce;

        Worker(Http01Responder responder, List<byte[]> csrs, AtomicInteger nextCsr) throws GeneralSecurityException {
            this.responder = responder;
            this.csrs = csrs;
            this.nextCsr = nextCsr;
            this.key = new AcmeJws();
        }

        void register() throws IOException, InterruptedException, GeneralSecurityException {
            HttpResponse<String> eab = admin("POST", "/api/v1/accounts/acme-bench/acme-eab", null);
            if (eab.statusCode() != 201) {
                throw new IllegalStateException("cannot make an EAB key: HTTP " + eab.statusCode() + " " + eab.body());
            }
            nonce = freshNonce();
            String url = acme + "new-account";
            Reply r = post(url, key.sign(url, nonce, null, "{\"termsOfServiceAgreed\":true,\"externalAccountBinding\":"
                    + key.externalAccountBinding(field(eab.body(), "kid"), field(eab.body(), "hmac_key"), url) + "}"));
            if (r.status() != 201) {
                throw new IllegalStateException("new-account: HTTP " + r.status() + " " + r.body());
            }
            kid = r.location();
        }

        void loop(RunControl control, FailureLog failures) {
            PhaseStats phase;
            while ((phase = control.admit()) != null) {
                long start = System.nanoTime();
                try {
                    long[] marks = new long[STEPS.length + 1];
                    marks[0] = start;
                    String failure = order(marks);
                    if (failure == null) {
                        phase.success((System.nanoTime() - start) / 1_000);
                        if (phase.measured()) {
                            for (int i = 0; i < STEPS.length; i++) {
                                stepNanos[i].add(marks[i + 1] - marks[i]);
                            }
                            stepOrders.increment();
                        }
                    } else {
                        String kind = failure.substring(0, failure.indexOf(':'));
                        phase.failure(kind);
                        failures.report(kind, failure);
                    }
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    phase.failure("io:" + e.getClass().getSimpleName());
                    failures.report("io:" + e.getClass().getSimpleName(), String.valueOf(e));
                    nonce = null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** One order from new-order to the certificate; null when it arrived, else "step:what happened". */
        private String order(long[] marks) throws IOException, InterruptedException, GeneralSecurityException {
            if (nonce == null) {
                nonce = freshNonce();
            }
            Reply order = signed(acme + "new-order", "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"" + o.name() + "\"}]}");
            if (order.status() != 201) {
                return "new-order:" + order.status() + " " + order.body();
            }
            String orderUrl = order.location();
            marks[1] = System.nanoTime();
            Reply authz = signed(first(order.body(), "\"authorizations\":\\[\"([^\"]+)\""), "");
            if (authz.status() != 200) {
                return "authorization:" + authz.status() + " " + authz.body();
            }
            Matcher c = Pattern.compile("\"type\":\"http-01\",\"url\":\"([^\"]+)\",\"status\":\"[a-z]+\",\"token\":\"([^\"]+)\"").matcher(authz.body());
            if (!c.find()) {
                return "authorization:no http-01 challenge in " + authz.body();
            }
            marks[2] = System.nanoTime();
            responder.put(c.group(2), key.keyAuthorization(c.group(2)));
            Reply challenge;
            try {
                challenge = signed(c.group(1), "{}");
            } finally {
                responder.remove(c.group(2));
            }
            if (challenge.status() != 200 || !challenge.body().contains("\"status\":\"valid\"")) {
                return "challenge:" + challenge.status() + " " + challenge.body();
            }
            marks[3] = System.nanoTime();
            byte[] csr = csrs.get(Math.floorMod(nextCsr.getAndIncrement(), csrs.size()));
            Reply finalized = signed(first(order.body(), "\"finalize\":\"([^\"]+)\""), "{\"csr\":\"" + AcmeJws.b64(csr) + "\"}");
            if (finalized.status() != 200 || !finalized.body().contains("\"status\":\"valid\"")) {
                return "finalize:" + finalized.status() + " " + finalized.body();
            }
            marks[4] = System.nanoTime();
            Reply certificate = signed(first(finalized.body(), "\"certificate\":\"([^\"]+)\""), "");
            if (certificate.status() != 200 || !certificate.body().startsWith("-----BEGIN CERTIFICATE-----")) {
                return "certificate:" + certificate.status() + " " + certificate.body();
            }
            marks[5] = System.nanoTime();
            return orderUrl == null ? "new-order:no Location" : null;
        }

        private Reply signed(String url, String payload) throws IOException, InterruptedException, GeneralSecurityException {
            Reply r = post(url, key.sign(url, nonce, kid, payload));
            if (r.status() == 400 && r.body().contains("badNonce")) {
                // RFC 8555 6.5: retry once with the fresh nonce the error carried.
                r = post(url, key.sign(url, nonce, kid, payload));
            }
            return r;
        }

        private Reply post(String url, String jws) throws IOException, InterruptedException {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/jose+json")
                    .POST(HttpRequest.BodyPublishers.ofString(jws)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            r.headers().firstValue("Replay-Nonce").ifPresent(n -> nonce = n);
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null), nonce);
        }

        private String freshNonce() throws IOException, InterruptedException {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(acme + "new-nonce")).timeout(TIMEOUT)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return r.headers().firstValue("Replay-Nonce").orElseThrow(() -> new IllegalStateException("new-nonce gave no Replay-Nonce"));
        }
    }

    private static String first(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + body);
        }
        return m.group(1);
    }

    private static String field(String json, String name) {
        return first(json, "\"" + name + "\"\\s*:\\s*\"([^\"]*)\"");
    }
}
