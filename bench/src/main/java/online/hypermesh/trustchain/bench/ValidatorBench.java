package online.hypermesh.trustchain.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.client.WitnessEndpoint;
import online.hypermesh.trustchain.witness.verifier.ChainVerifier;
import online.hypermesh.trustchain.witness.verifier.Report;

/**
 * The relying party's verification latency: issues one certificate, waits until it validates
 * (its entry in a cosigned checkpoint), then times {@code --count} full verifications of it one
 * after another (PKIX, OCSP to the server, the SCT, /checkpoint, get-proof-by-hash, the quorum).
 * Prints p50/p99/max and the last report; exit 1 if it did not pass. With {@code --via api} it
 * times {@code POST /api/v1/validate} of the same chain instead (the server's verifier, with its
 * TLSA check; one kept-alive HTTPS connection, one request at a time, each answer {@code "valid":true}).
 *
 * <p>{@code ValidatorBench --data-dir DIR [--port-offset N] [--count N] [--via library|api] [--witness VKEY=URL]...}
 */
public final class ValidatorBench {
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");

    private ValidatorBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        int offset = 0;
        int count = 500;
        boolean viaApi = false;
        List<WitnessEndpoint> witnesses = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> data = Path.of(args[i + 1]);
                case "--port-offset" -> offset = Integer.parseInt(args[i + 1]);
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--via" -> viaApi = switch (args[i + 1]) {
                    case "api" -> true;
                    case "library" -> false;
                    default -> throw new IllegalArgumentException("--via is library or api");
                };
                case "--witness" -> {
                    String v = args[i + 1];
                    int eq = v.indexOf("=http");
                    witnesses.add(WitnessEndpoint.parse(v.substring(0, eq), v.substring(eq + 1)));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (data == null) {
            System.err.println("usage: validator.sh --data-dir DIR [--port-offset N] [--count N] [--witness VKEY=URL]...");
            System.exit(2);
        }
        HttpClient http = ClientFactory.create(RootTrust.sslContext(data.resolve("root.pem")), HttpClient.Version.HTTP_1_1);
        URI log = URI.create("https://[::1]:" + (6962 + offset) + "/");
        Matcher k = KEY.matcher(get(http, log.resolve("log.json")));
        if (!k.find()) {
            throw new IllegalStateException("log.json has no key");
        }
        String origin = get(http, log.resolve("checkpoint")).lines().findFirst().orElseThrow();
        Set<TrustAnchor> roots = new HashSet<>();
        for (X509Certificate r : certificates(Files.readAllBytes(data.resolve("root.pem")))) {
            roots.add(new TrustAnchor(r, null));
        }
        ChainVerifier verifier = new ChainVerifier(roots, Optional.of(LogKey.fromBase64Spki(origin, k.group(1))), Optional.of(log), witnesses,
                http, Clock.systemUTC());

        String token = Files.readString(data.resolve("admin-token")).trim();
        HttpRequest issue = HttpRequest.newBuilder(URI.create("https://[::1]:" + (8443 + offset) + "/api/v1/ca/certificates?profile=server"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pkcs10")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new CsrGenerator(KeyType.P256).generate(0).getEncoded())).build();
        HttpResponse<byte[]> issued = http.send(issue, HttpResponse.BodyHandlers.ofByteArray());
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("issuance answered " + issued.statusCode() + ": " + new String(issued.body(), StandardCharsets.UTF_8));
        }
        List<X509Certificate> chain = certificates(issued.body());

        Report report = verifier.verify(chain);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!report.passed() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            report = verifier.verify(chain);
        }
        if (!report.passed()) {
            System.out.print(report.toText());
            System.exit(1);
        }
        int warmup = Math.min(50, count / 5);
        if (viaApi) {
            timeTheApi(http, URI.create("https://[::1]:" + (8443 + offset) + "/api/v1/validate"), issued.body(), count, warmup);
            return;
        }
        List<Long> micros = new ArrayList<>();
        for (int n = 0; n < count + warmup; n++) {
            long t0 = System.nanoTime();
            report = verifier.verify(chain);
            long us = (System.nanoTime() - t0) / 1000;
            if (!report.passed()) {
                System.out.print(report.toText());
                System.exit(1);
            }
            if (n >= warmup) {
                micros.add(us);
            }
        }
        Collections.sort(micros);
        System.out.printf(Locale.ROOT, "full verification (%d, %d witnesses, after %d warm-up): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                micros.size(), witnesses.size(), warmup, pct(micros, 50), pct(micros, 99), micros.get(micros.size() - 1) / 1000.0);
        for (var c : report.checks()) {
            System.out.println("  " + c.name() + " " + c.outcome() + " " + c.detail());
        }
    }

    /** POST /api/v1/validate of the chain, one at a time: the endpoint's latency as a relying party sees it. */
    private static void timeTheApi(HttpClient http, URI validate, byte[] pemChain, int count, int warmup) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(validate).header("Content-Type", "application/pem-certificate-chain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pemChain)).build();
        List<Long> micros = new ArrayList<>();
        String body = "";
        for (int n = 0; n < count + warmup; n++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
            long us = (System.nanoTime() - t0) / 1000;
            body = r.body();
            if (r.statusCode() != 200 || !body.contains("\"valid\":true")) {
                System.out.println("POST " + validate + " answered " + r.statusCode() + ": " + body);
                System.exit(1);
            }
            if (n >= warmup) {
                micros.add(us);
            }
        }
        Collections.sort(micros);
        System.out.printf(Locale.ROOT, "POST /api/v1/validate (%d, after %d warm-up): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                micros.size(), warmup, pct(micros, 50), pct(micros, 99), micros.get(micros.size() - 1) / 1000.0);
        Matcher m = Pattern.compile("\"name\":\"([a-z]+)\",\"outcome\":\"([a-z]+)\"").matcher(body);
        while (m.find()) {
            System.out.println("  " + m.group(1) + " " + m.group(2));
        }
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static List<X509Certificate> certificates(byte[] pem) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1000.0;
    }
}
