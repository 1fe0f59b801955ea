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
        if (!args.containsKey("data-dir") && !args.containsKey("certs-dir")) {
            System.err.println("usage: bench/ocsp.sh --data-dir DIR [--certs 200] [--revoked 0.2] [--concurrency 16] [--duration 30] [--warmup 10] [--nonce] [--write-certs DIR]");
            System.err.println("   or: bench/ocsp.sh --certs-dir DIR --ocsp URL [--concurrency 16] [--duration 30] [--warmup 10] [--nonce]");
            System.err.println("       (any responder: DIR holds issuer.pem, certs.pem and revoked.txt, one hex serial a line;");
            System.err.println("        --write-certs DIR saves them from a TrustChain run)");
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
        URI base = URI.create(arg("base", "https://[::1]:8443"));
        URI ocsp = URI.create(arg("ocsp", "http://[::1]:8080/ocsp"));
        int certs = Integer.parseInt(arg("certs", "200"));
        double revokedShare = Double.parseDouble(arg("revoked", "0.2"));
        int concurrency = Integer.parseInt(arg("concurrency", "16"));
        int duration = Integer.parseInt(arg("duration", "30"));
        int warmup = Integer.parseInt(arg("warmup", "10"));
        boolean nonce = Boolean.parseBoolean(arg("nonce", "false"));
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        List<Target> targets = new ArrayList<>();
        int revokedCount;
        if (args.containsKey("certs-dir")) {
            revokedCount = loadTargets(Path.of(args.get("certs-dir")), digests, targets);
            System.out.printf(Locale.ROOT, "loaded %d certificates (%d revoked) from %s; POST %s, %d workers, nonce %s%n", targets.size(),
                    revokedCount, args.get("certs-dir"), ocsp, concurrency, nonce ? "on" : "off");
            certs = targets.size();
        } else {
            revokedCount = issueTargets(base, certs, revokedShare, digests, targets);
            System.out.printf(Locale.ROOT, "POST %s, %d workers, nonce %s%n", ocsp, concurrency, nonce ? "on" : "off");
        }
        measure(ocsp, concurrency, duration, warmup, nonce, certs, revokedCount, targets);
    }

    /** Reads issuer.pem, certs.pem and revoked.txt (hex serials) from dir; returns how many are revoked. */
    private static int loadTargets(Path dir, DigestCalculatorProvider digests, List<Target> targets) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate issuer;
        try (var in = Files.newInputStream(dir.resolve("issuer.pem"))) {
            issuer = (X509Certificate) factory.generateCertificate(in);
        }
        java.util.Set<BigInteger> revoked = new java.util.HashSet<>();
        Path revokedFile = dir.resolve("revoked.txt");
        if (Files.exists(revokedFile)) {
            for (String line : Files.readAllLines(revokedFile)) {
                if (!line.isBlank()) {
                    revoked.add(new BigInteger(line.strip(), 16));
                }
            }
        }
        int count = 0;
        try (var in = Files.newInputStream(dir.resolve("certs.pem"))) {
            for (var c : factory.generateCertificates(in)) {
                BigInteger serial = ((X509Certificate) c).getSerialNumber();
                CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), serial);
                boolean isRevoked = revoked.contains(serial);
                count += isRevoked ? 1 : 0;
                targets.add(new Target(serial, isRevoked, new OCSPReqBuilder().addRequest(id).build().getEncoded(), id));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + dir.resolve("certs.pem"));
        }
        return count;
    }

    private int issueTargets(URI base, int certs, double revokedShare, DigestCalculatorProvider digests, List<Target> targets)
            throws Exception {
        Path data = Path.of(arg("data-dir", "data"));
        String token = Files.readString(data.resolve("admin-token")).trim();
        Path writeDir = args.containsKey("write-certs") ? Path.of(args.get("write-certs")) : null;
        StringBuilder certsPem = new StringBuilder();
        StringBuilder revokedHex = new StringBuilder();
        X509Certificate issuerCert = null;

        HttpClient api = ClientFactory.create(RootTrust.sslContext(data.resolve("root.pem")), HttpClient.Version.HTTP_1_1);
        List<byte[]> csrs = new CsrGenerator(KeyType.P256).generateDer(certs);
        int revokedCount = (int) Math.round(certs * revokedShare);
        long prepStart = System.nanoTime();
        for (int i = 0; i < certs; i++) {
            List<X509Certificate> chain = issue(api, base, token, csrs.get(i));
            boolean revoke = i < revokedCount;
            BigInteger serial = chain.get(0).getSerialNumber();
            if (revoke) {
                revoke(api, base, token, serial);
                revokedHex.append(serial.toString(16)).append('\n');
            }
            issuerCert = chain.get(1);
            certsPem.append(Pem.encode("CERTIFICATE", chain.get(0).getEncoded()));
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(chain.get(1)), serial);
            targets.add(new Target(serial, revoke, new OCSPReqBuilder().addRequest(id).build().getEncoded(), id));
        }
        System.out.printf(Locale.ROOT, "issued %d certificates, revoked %d, in %.1f s%n", certs,
                revokedCount, (System.nanoTime() - prepStart) / 1e9);
        if (writeDir != null) {
            Files.createDirectories(writeDir);
            Files.writeString(writeDir.resolve("issuer.pem"), Pem.encode("CERTIFICATE", issuerCert.getEncoded()));
            Files.writeString(writeDir.resolve("certs.pem"), certsPem);
            Files.writeString(writeDir.resolve("revoked.txt"), revokedHex);
            System.out.println("wrote issuer.pem, certs.pem and revoked.txt to " + writeDir);
        }
        return revokedCount;
    }

    private void measure(URI ocsp, int concurrency, int duration, int warmup, boolean nonce, int certs, int revokedCount,
            List<Target> targets) throws Exception {

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
