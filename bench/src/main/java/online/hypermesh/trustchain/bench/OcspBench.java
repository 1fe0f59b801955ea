package online.hypermesh.trustchain.bench;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP load generator: issues a set of certificates through the REST API, revokes a share of
 * them, then asks the responder (POST /ocsp, as browsers and openssl do) about random ones from
 * closed-loop workers, and reports responses per second and latency. Afterwards it checks a
 * sample of answers: good for the valid ones, revoked for the revoked ones.
 *
 * <p>Usage: {@code bench/ocsp.sh --data-dir DIR [--base https://[::1]:8443] [--ocsp http://[::1]:8080/ocsp]
 * [--certs 200] [--revoked 0.2] [--concurrency 16] [--duration 30] [--warmup 10] [--nonce]}
 */
public final class OcspBench {
    private final Map<String, String> args;

    private OcspBench(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            String key = argv[i].substring(2);
            args.put(key, key.equals("nonce") ? "true" : argv[++i]);
        }
        if (!args.containsKey("data-dir")) {
            System.err.println("usage: bench/ocsp.sh --data-dir DIR [--certs 200] [--revoked 0.2] [--concurrency 16] [--duration 30] [--warmup 10] [--nonce]");
            System.exit(2);
        }
        new OcspBench(args).run();
    }

    private String arg(String name, String fallback) {
        return args.getOrDefault(name, fallback);
    }

    private record Target(BigInteger serial, boolean revoked, byte[] requestDer, CertificateID id) {
    }

    private void run() throws Exception {
        Path data = Path.of(arg("data-dir", "data"));
        URI base = URI.create(arg("base", "https://[::1]:8443"));
        URI ocsp = URI.create(arg("ocsp", "http://[::1]:8080/ocsp"));
        int certs = Integer.parseInt(arg("certs", "200"));
        double revokedShare = Double.parseDouble(arg("revoked", "0.2"));
        int concurrency = Integer.parseInt(arg("concurrency", "16"));
        int duration = Integer.parseInt(arg("duration", "30"));
        int warmup = Integer.parseInt(arg("warmup", "10"));
        boolean nonce = Boolean.parseBoolean(arg("nonce", "false"));
        String token = Files.readString(data.resolve("admin-token")).trim();

        HttpClient api = ClientFactory.create(RootTrust.sslContext(data.resolve("root.pem")), HttpClient.Version.HTTP_1_1);
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        List<Target> targets = new ArrayList<>();
        List<byte[]> csrs = new CsrGenerator(KeyType.P256).generateDer(certs);
        int revokedCount = (int) Math.round(certs * revokedShare);
        long prepStart = System.nanoTime();
        for (int i = 0; i < certs; i++) {
            List<X509Certificate> chain = issue(api, base, token, csrs.get(i));
            boolean revoke = i < revokedCount;
            BigInteger serial = chain.get(0).getSerialNumber();
            if (revoke) {
                revoke(api, base, token, serial);
            }
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(chain.get(1)), serial);
            targets.add(new Target(serial, revoke, new OCSPReqBuilder().addRequest(id).build().getEncoded(), id));
        }
        System.out.printf(Locale.ROOT, "issued %d certificates, revoked %d, in %.1f s; POST %s, %d workers, nonce %s%n", certs,
                revokedCount, (System.nanoTime() - prepStart) / 1e9, ocsp, concurrency, nonce ? "on" : "off");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ConcurrentHistogram warm = new ConcurrentHistogram(60_000_000L, 3);
        ConcurrentHistogram measured = new ConcurrentHistogram(60_000_000L, 3);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    Target target = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
                    long start = System.nanoTime();
                    try {
                        byte[] body = nonce ? withNonce(target.id()) : target.requestDer();
                        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(ocsp).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(), HttpResponse.BodyHandlers.ofByteArray());
                        long micros = (System.nanoTime() - start) / 1_000;
                        // A successful OCSPResponse carries a signed BasicOCSPResponse; error statuses are 5 bytes.
                        if (response.statusCode() != 200 || response.body().length < 100) {
                            errors.incrementAndGet();
                        } else {
                            (measuring.get() ? measured : warm).recordValue(micros);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "ocsp-bench-" + w);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        Thread.sleep(warmup * 1000L);
        long errorsBefore = errors.get();
        long cpuStart = CpuClock.processCpuNanos();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(duration * 1000L);
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long count = measured.getTotalCount();
        System.out.printf(Locale.ROOT, "%,d responses in %.1f s: %.0f/s, errors %d; latency ms p50 %.2f p90 %.2f p99 %.2f max %.1f%n", count,
                seconds, count / seconds, errors.get() - errorsBefore, measured.getValueAtPercentile(50) / 1e3,
                measured.getValueAtPercentile(90) / 1e3, measured.getValueAtPercentile(99) / 1e3, measured.getMaxValue() / 1e3);
        System.out.printf(Locale.ROOT, "RESULT ocsp_rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d concurrency=%d nonce=%s certs=%d revoked=%d client_cpu_s=%.1f%n",
                count / seconds, measured.getValueAtPercentile(50) / 1e3, measured.getValueAtPercentile(99) / 1e3, errors.get() - errorsBefore,
                concurrency, nonce, certs, revokedCount, cpuStart < 0 ? -1 : (CpuClock.processCpuNanos() - cpuStart) / 1e9);
        checkAnswers(client, ocsp, targets);
    }

    /** Every answer in a sample must say what the database says: revoked for revoked serials, good otherwise. */
    private static void checkAnswers(HttpClient client, URI ocsp, List<Target> targets) throws Exception {
        int wrong = 0;
        int checked = 0;
        for (Target target : targets.subList(0, Math.min(targets.size(), 100))) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(ocsp).header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(target.requestDer())).build(), HttpResponse.BodyHandlers.ofByteArray());
            BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response.body()).getResponseObject();
            Object status = basic.getResponses()[0].getCertStatus();
            boolean saysRevoked = status instanceof RevokedStatus;
            boolean saysGood = status == null;
            if (target.revoked() ? !saysRevoked : !saysGood) {
                wrong++;
            }
            checked++;
        }
        System.out.printf(Locale.ROOT, "checked %d answers: %d wrong%n", checked, wrong);
        if (wrong > 0) {
            System.exit(1);
        }
    }

    private static byte[] withNonce(CertificateID id) throws Exception {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        // extnValue wraps the DER of the nonce OCTET STRING (RFC 8954 2.1), as openssl sends it.
        return new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new DEROctetString(nonce).getEncoded()))))
                .build().getEncoded();
    }

    private static List<X509Certificate> issue(HttpClient api, URI base, String token, byte[] csr) throws Exception {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(base.resolve("/api/v1/ca/certificates?profile=server"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pkcs10")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csr)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("issuance failed: HTTP " + response.statusCode() + " " + response.body());
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(response.body().getBytes(StandardCharsets.US_ASCII)))) {
            chain.add((X509Certificate) c);
        }
        return chain;
    }

    private static void revoke(HttpClient api, URI base, String token, BigInteger serial) throws Exception {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(base.resolve("/api/v1/ca/certificates/" + serial.toString(16) + "/revoke"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"keyCompromise\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("revocation failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    static {
        // Keeps SecureRandom's first use (and its entropy wait) out of the measured window.
        new SecureRandom().nextInt();
    }
}
