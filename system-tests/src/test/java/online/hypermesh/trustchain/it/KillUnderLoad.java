package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * Issuance load (8 in parallel) against a TrustChain started the README way, and the checks that
 * must hold after a process of it is killed: every certificate that got a 201 is stored and valid,
 * every precertificate in the CT log has its row, the tree after is consistent with the tree
 * before (RFC 9162 proof, verified here), and no serial was handed out twice.
 */
final class KillUnderLoad implements AutoCloseable {
    static final int PARALLEL = 8;
    private static final Pattern SERIAL = Pattern.compile("\"serial_number\":\"([0-9a-f]+)\"");

    final Path data;
    final String api;
    final String ct;
    private final ExecutorService workers = Executors.newFixedThreadPool(PARALLEL);
    private final AtomicBoolean running = new AtomicBoolean();
    final Set<String> issued = ConcurrentHashMap.newKeySet();
    final List<String> duplicates = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
    final AtomicInteger transportFailures = new AtomicInteger();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();

    record Sth(long size, String root) {
    }

    KillUnderLoad(Path data, int offset) {
        this.data = data;
        this.api = "https://[::1]:" + (8443 + offset);
        this.ct = "https://[::1]:" + (6962 + offset);
    }

    JdkHttps https() {
        return new JdkHttps(data.resolve("root.pem"));
    }

    void startLoad() {
        running.set(true);
        JdkHttps client = https();
        String token = Commands.adminToken(data);
        for (int i = 0; i < PARALLEL; i++) {
            workers.submit(() -> {
                while (running.get()) {
                    issueOnce(client, token);
                }
            });
        }
    }

    private void issueOnce(JdkHttps client, String token) {
        // In the mesh zone: the initial admin's scopes (the registration authority refuses other names).
        String name = "load-" + names.incrementAndGet() + ".hypermesh.online";
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TestCsr.forNames(name))
                + "\n-----END CERTIFICATE REQUEST-----\n";
        requests.incrementAndGet();
        JdkHttpsRaw.Response r;
        try {
            r = JdkHttpsRaw.post(client, api + "/api/v1/ca/certificates?profile=server", "application/pkcs10", pem,
                    "Authorization", "Bearer " + token);
        } catch (RuntimeException e) {
            transportFailures.incrementAndGet(); // the server was killed under this request: no 201, nothing promised
            sleepQuietly(50);
            return;
        }
        if (r.status() == 201) {
            String serial = serialOf(r.body());
            if (serial == null) {
                unexpected.add("201 without a certificate: " + r.body());
            } else if (!issued.add(serial)) {
                duplicates.add(serial);
            }
        } else if (r.status() == 503) {
            unavailable.incrementAndGet();
            if (r.retryAfter().isEmpty() || !r.contentType().startsWith("application/problem+json")) {
                unavailableWithoutRetryAfter.incrementAndGet();
            }
            sleepQuietly(20);
        } else if (unexpected.size() < 20) {
            unexpected.add(r.status() + " " + r.contentType() + " " + r.body());
        }
    }

    /** The serial (API form: lower-case hex) of the first certificate of a PEM chain, or of a JSON answer. */
    private static String serialOf(String body) {
        Matcher m = SERIAL.matcher(body);
        if (m.find()) {
            return m.group(1);
        }
        try {
            var leaf = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return leaf.getSerialNumber().toString(16);
        } catch (java.security.cert.CertificateException e) {
            return null;
        }
    }

    void awaitIssued(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (issued.size() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + issued.size() + " certificates in 300 s; unexpected: " + unexpected);
            Thread.sleep(100);
        }
    }

    void stopLoad() throws InterruptedException {
        running.set(false);
        workers.shutdown();
        assertTrue(workers.awaitTermination(120, TimeUnit.SECONDS));
    }

    Sth sth() {
        JdkHttps.Response r = https().get(ct + "/ct/v1/get-sth");
        assertEquals(200, r.status(), r.toString());
        Matcher size = Pattern.compile("\"tree_size\":(\\d+)").matcher(r.body());
        Matcher root = Pattern.compile("\"sha256_root_hash\":\"([^\"]+)\"").matcher(r.body());
        assertTrue(size.find() && root.find(), r.body());
        return new Sth(Long.parseLong(size.group(1)), root.group(1));
    }

    /** RFC 9162 2.1.4.2, verified here on the proof the log gives for the two sizes. */
    void assertConsistent(Sth first, Sth second) {
        assertTrue(second.size() >= first.size(), first + " -> " + second);
        if (first.size() == second.size()) {
            assertEquals(first.root(), second.root(), "same size, same root");
            return;
        }
        if (first.size() == 0) {
            return; // the empty tree is consistent with every tree
        }
        JdkHttps.Response proof = https().get(ct + "/ct/v1/get-sth-consistency?first=" + first.size() + "&second=" + second.size());
        assertEquals(200, proof.status(), proof.toString());
        List<byte[]> path = new ArrayList<>();
        Matcher m = Pattern.compile("\"([A-Za-z0-9+/=]{44})\"").matcher(proof.body());
        while (m.find()) {
            path.add(Base64.getDecoder().decode(m.group(1)));
        }
        assertTrue(Rfc9162Proofs.consistencyVerifies(first.size(), second.size(), Base64.getDecoder().decode(first.root()),
                Base64.getDecoder().decode(second.root()), path), "consistency proof " + first + " -> " + second + ": " + proof);
    }

    /** Every certificate that got a 201: stored, and valid. @return how many were found */
    int assertEveryIssuedIsStoredAndValid() {
        JdkHttps client = https();
        String token = Commands.adminToken(data);
        int found = 0;
        List<String> lost = new ArrayList<>();
        for (String serial : issued) {
            JdkHttps.Response r = client.get(api + "/api/v1/ca/certificates/" + serial, "Authorization", "Bearer " + token);
            if (r.status() == 200 && r.body().contains("\"status\":\"valid\"")) {
                found++;
            } else {
                lost.add(serial + ": " + r);
            }
        }
        assertTrue(lost.isEmpty(), lost.size() + " certificates that got a 201 are lost or not valid: " + lost);
        assertTrue(duplicates.isEmpty(), "serials answered twice: " + duplicates);
        return found;
    }

    /** Every precertificate in the CT log (entry type 1) has its row in the CA's database (the API finds its serial). */
    int assertEveryLoggedPrecertificateHasARow(long treeSize) {
        JdkHttps client = https();
        String token = Commands.adminToken(data);
        Set<BigInteger> serials = new java.util.HashSet<>();
        List<String> missing = new ArrayList<>();
        for (long start = 0; start < treeSize; ) {
            JdkHttps.Response r = client.get(ct + "/ct/v1/get-entries?start=" + start + "&end=" + (treeSize - 1));
            assertEquals(200, r.status(), r.toString());
            Matcher m = Pattern.compile("\"leaf_input\":\"([^\"]+)\"").matcher(r.body());
            int got = 0;
            while (m.find()) {
                got++;
                byte[] leaf = Base64.getDecoder().decode(m.group(1));
                // MerkleTreeLeaf: version(1) leaf_type(1) timestamp(8) entry_type(2), then for a precert
                // issuer_key_hash(32) and the TBSCertificate with a 3-byte length (RFC 6962 3.4).
                int entryType = ((leaf[10] & 0xff) << 8) | (leaf[11] & 0xff);
                if (entryType != 1) {
                    continue;
                }
                int at = 12 + 32;
                int length = ((leaf[at] & 0xff) << 16) | ((leaf[at + 1] & 0xff) << 8) | (leaf[at + 2] & 0xff);
                byte[] tbs = java.util.Arrays.copyOfRange(leaf, at + 3, at + 3 + length);
                serials.add(TBSCertificate.getInstance(tbs).getSerialNumber().getValue());
            }
            assertTrue(got > 0, "get-entries from " + start + " returned nothing");
            start += got;
        }
        for (BigInteger serial : serials) {
            JdkHttps.Response r = client.get(api + "/api/v1/ca/certificates/" + serial.toString(16), "Authorization", "Bearer " + token);
            if (r.status() != 200) {
                missing.add(serial.toString(16) + ": " + r.status());
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " logged precertificates have no row: " + missing);
        return serials.size();
    }

    static long pidIn(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    static void kill9(long pid) {
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        assertTrue(p.destroyForcibly(), "SIGKILL to " + pid);
    }

    /** Lines in server.log, and of them stack-trace frames ("\tat ..."). */
    static long[] logLines(Path serverLog) throws IOException {
        long lines = 0;
        long frames = 0;
        try (var all = Files.lines(serverLog, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) all::iterator) {
                lines++;
                if (line.startsWith("\tat ")) {
                    frames++;
                }
            }
        }
        return new long[] {lines, frames};
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String figures(String what, int found, double secondsToHealthy) {
        return String.format("%s: %d requests, %d in flight at the kill, %d got 201, %d found valid after, %d lost,"
                + " %d answered 503 (%d of them without Retry-After), %d without an HTTP answer (cut off, or sent while the server was down), /health UP again %.1f s after the kill",
                what, requests.get(), PARALLEL, issued.size(), found, issued.size() - found, unavailable.get(),
                unavailableWithoutRetryAfter.get(), transportFailures.get(), secondsToHealthy);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        workers.shutdownNow();
        workers.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** The JDK client's raw answer with the Retry-After header, which JdkHttps.Response does not keep. */
    static final class JdkHttpsRaw {
        record Response(int status, String contentType, String body, java.util.Optional<String> retryAfter) {
        }

        static Response post(JdkHttps client, String url, String contentType, String body, String... headers) {
            return client.postWithHeaders(url, contentType, body, headers);
        }

        static Response get(JdkHttps client, String url) {
            return client.getWithHeaders(url);
        }
    }
}
