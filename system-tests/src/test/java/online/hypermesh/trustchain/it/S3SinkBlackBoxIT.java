package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The S3 audit archive against S3Proxy (over a local directory) and a TrustChain started the
 * README way with the archive switched on, pointed at S3Proxy through a relay that records what
 * TrustChain sent (S3Proxy ignores object-lock headers, so only the wire shows they were asked
 * for). Certificates are issued, the segments listed with the AWS CLI, their headers and
 * checksums checked, the archive read back through the API; then S3Proxy is stopped while
 * certificates are issued, started again, and everything arrives; last, an object is changed in
 * S3Proxy's directory and the read-back check reports it at its position.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3SinkBlackBoxIT {
    private static final int OFFSET = 3300;
    private static final String NAME = "s3-sink";
    private static final String BUCKET = "trustchain-audit";
    private static final String PREFIX = "it/ca-0/";
    private static final String ACCESS_KEY = "trustchain-it";
    private static final String SECRET_KEY = "trustchain-it-secret";
    private static final Pattern PUT = Pattern.compile("PUT /" + BUCKET + "/" + Pattern.quote(PREFIX) + "audit/(\\d{20}-\\d{20}\\.bundle)[^\\r]* HTTP/1\\.1\\r\\n(.*?)\\r\\n\\r\\n",
            Pattern.DOTALL);

    /** The report's own "ok" (JSON-B writes the properties in alphabetical order, so it follows "objects"). */
    private static final Pattern TOP_OK = Pattern.compile("\"objects\":\\d+,\"ok\":true");

    private static Path work;
    private static Path data;
    private static Path s3dir;
    private static int s3port;
    private static Process s3proxy;
    private static RecordingRelay relay;
    private static RunningTrustChain server;

    @BeforeAll
    static void start() throws Exception {
        work = RunningTrustChain.freshWorkDirectory(NAME);
        data = work.resolve("data");
        s3dir = Files.createDirectories(work.resolve("s3proxy"));
        Files.createDirectories(s3dir.resolve("blobs"));
        try (ServerSocket probe = new ServerSocket(0)) {
            s3port = probe.getLocalPort();
        }
        Files.writeString(s3dir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + s3port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "s3proxy.ignore-unknown-headers=true", // it refuses object-lock headers otherwise (not implemented)
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + s3dir.resolve("blobs"),
                ""));
        startS3Proxy();
        relay = new RecordingRelay(s3port);
        assertEquals(0, aws("s3api", "create-bucket", "--bucket", BUCKET).exit);
        Path secret = work.resolve("s3-secret");
        Files.writeString(secret, SECRET_KEY + "\n");
        server = RunningTrustChain.start(data, OFFSET, Map.of(
                "TRUSTCHAIN_S3_ENABLED", "true",
                "TRUSTCHAIN_S3_ENDPOINT", "http://127.0.0.1:" + relay.port(),
                "TRUSTCHAIN_S3_PATH_STYLE", "true",
                "TRUSTCHAIN_S3_BUCKET", BUCKET,
                "TRUSTCHAIN_S3_PREFIX", PREFIX,
                "TRUSTCHAIN_S3_ACCESS_KEY_ID", ACCESS_KEY,
                "TRUSTCHAIN_S3_SECRET_ACCESS_KEY_FILE", secret.toString(),
                "TRUSTCHAIN_S3_POLL_MS", "200",
                "TRUSTCHAIN_S3_BACKOFF_MAX_MS", "5000"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (relay != null) {
            relay.close();
        }
        stopS3Proxy();
    }

    private static void startS3Proxy() throws Exception {
        s3proxy = new ProcessBuilder("java", "-jar", System.getProperty("s3proxy.jar"), "--properties", s3dir.resolve("s3proxy.properties").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(s3dir.resolve("s3proxy.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", s3port), 500);
                return;
            } catch (IOException e) {
                assertTrue(s3proxy.isAlive() && System.nanoTime() < deadline, () -> "S3Proxy did not start: " + log());
                Thread.sleep(200);
            }
        }
    }

    private static void stopS3Proxy() throws InterruptedException {
        if (s3proxy != null && s3proxy.isAlive()) {
            s3proxy.destroy();
            if (!s3proxy.waitFor(20, TimeUnit.SECONDS)) {
                s3proxy.destroyForcibly().waitFor();
            }
        }
    }

    private static String log() {
        try {
            return Files.readString(s3dir.resolve("s3proxy.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private record Run(int exit, String out) {
    }

    /** The AWS CLI straight at S3Proxy, with the test's key and nothing from a developer's own AWS configuration. */
    private static Run aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", "http://127.0.0.1:" + s3port));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
        env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
        env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), () -> command + " hung");
        return new Run(p.exitValue(), out);
    }

    private static List<String> listed() throws Exception {
        Run r = aws("s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", PREFIX + "audit/", "--query", "Contents[].Key", "--output", "text");
        assertEquals(0, r.exit, r.out);
        List<String> keys = new ArrayList<>();
        for (String k : r.out.trim().split("\\s+")) {
            if (k.startsWith(PREFIX)) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static String base() {
        return "https://[::1]:" + (8443 + OFFSET);
    }

    private static JdkHttps.Response issue(JdkHttps https, String token, String name) {
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TestCsr.forNames(name))
                + "\n-----END CERTIFICATE REQUEST-----\n";
        return https.post(base() + "/api/v1/ca/certificates?profile=server", "application/pkcs10", pem, "Authorization", "Bearer " + token);
    }

    /** Signs the chain's head now (as the sealer does every minute) and returns its size. */
    private static long checkpoint(JdkHttps https, String token) {
        JdkHttps.Response r = https.post(base() + "/api/v1/audit/checkpoints", "application/json", "", "Authorization", "Bearer " + token);
        assertEquals(200, r.status(), r.body());
        Matcher m = Pattern.compile("\"size\":(\\d+)").matcher(r.body());
        assertTrue(m.find(), r.body());
        return Long.parseLong(m.group(1));
    }

    private static String verify(JdkHttps https, String token) {
        JdkHttps.Response r = https.get(base() + "/api/v1/audit/s3-verify", "Authorization", "Bearer " + token);
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    private static String jdbcUrl() throws IOException {
        List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        return "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/" + online.hypermesh.trustchain.launcher.EmbeddedDatabase.DATABASE_NAME;
    }

    private static long number(String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), online.hypermesh.trustchain.launcher.EmbeddedDatabase.USER,
                online.hypermesh.trustchain.launcher.EmbeddedDatabase.PASSWORD);
             java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static long cursor() throws Exception {
        return number("select position from event_sink where sink = 's3'");
    }

    private static void awaitCursor(long atLeast, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (cursor() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(cursor() >= atLeast, "the archive's cursor reached " + atLeast + ", is " + cursor() + "\n" + server.output());
    }

    private static String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (9990 + OFFSET) + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String sha256(byte[] b) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static long treeSize(String note) {
        String[] lines = note.split("\n");
        return lines.length > 1 ? Long.parseLong(lines[1]) : 0;
    }

    private static Path blob(String key) {
        return s3dir.resolve("blobs").resolve(BUCKET).resolve(key);
    }

    /** Object names cover positions 1 to {@code last} without a gap. */
    private static void assertContiguous(List<String> keys, long last) {
        long expected = 1;
        for (String k : keys) {
            String range = k.substring((PREFIX + "audit/").length(), k.length() - ".bundle".length());
            long first = Long.parseLong(range.substring(0, 20));
            assertEquals(expected, first, "segments follow each other: " + keys);
            expected = Long.parseLong(range.substring(21)) + 1;
        }
        assertEquals(last + 1, expected, "the segments cover the chain up to " + last + ": " + keys);
    }

    @Test
    @Order(1)
    void issuedCertificatesReachTheBucketLockedWithTheirChecksum() throws Exception {
        JdkHttps https = new JdkHttps(data.resolve("root.pem"));
        String token = Commands.adminToken(data);
        Instant before = Instant.now();
        for (int i = 0; i < 5; i++) {
            assertEquals(201, issue(https, token, "s3-" + i + ".hypermesh.online").status());
        }
        long size = checkpoint(https, token);
        awaitCursor(size, 60);

        List<String> keys = listed();
        assertFalse(keys.isEmpty());
        assertContiguous(keys, cursor());
        Map<String, String> headersByKey = new java.util.HashMap<>();
        Matcher m = PUT.matcher(relay.sent());
        while (m.find()) {
            headersByKey.put(PREFIX + "audit/" + m.group(1), m.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        for (String key : keys) {
            String headers = headersByKey.get(key);
            assertTrue(headers != null, "TrustChain's PUT of " + key + " went through the relay");
            assertTrue(headers.contains("\r\nx-amz-object-lock-mode: compliance") || headers.startsWith("x-amz-object-lock-mode: compliance"),
                    key + ": COMPLIANCE lock requested\n" + headers);
            Matcher until = Pattern.compile("x-amz-object-lock-retain-until-date: (\\S+)").matcher(headers);
            assertTrue(until.find(), headers);
            Instant retained = Instant.parse(until.group(1).toUpperCase(java.util.Locale.ROOT));
            Instant sevenYears = before.atZone(ZoneOffset.UTC).plusYears(7).toInstant();
            assertTrue(retained.isAfter(sevenYears.minusSeconds(60)) && retained.isBefore(sevenYears.plusSeconds(600)), key + " until " + retained);
            byte[] object = Files.readAllBytes(blob(key));
            assertTrue(headers.contains("x-amz-checksum-sha256: " + sha256(object).toLowerCase(java.util.Locale.ROOT)), key + ": its SHA-256 sent\n" + headers);
            Run head = aws("s3api", "head-object", "--bucket", BUCKET, "--key", key, "--checksum-mode", "ENABLED");
            assertEquals(0, head.exit, head.out);
            assertTrue(head.out.contains("\"ChecksumSHA256\": \"" + sha256(object) + "\""), "the store kept the checksum: " + head.out);
            assertTrue(new String(object, StandardCharsets.UTF_8).startsWith("trustchain audit bundle v1\n"), key);
        }
        // The CT log's tiles and checkpoint: the certificates were logged, so its tree is not empty.
        Path ctCheckpoint = s3dir.resolve("blobs").resolve(BUCKET).resolve(PREFIX + "ct/checkpoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(ctCheckpoint) && treeSize(Files.readString(ctCheckpoint)) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.exists(ctCheckpoint), "the CT checkpoint in the bucket");
        long tree = treeSize(Files.readString(ctCheckpoint));
        assertTrue(tree > 0, Files.readString(ctCheckpoint));
        assertTrue(Files.exists(s3dir.resolve("blobs").resolve(BUCKET).resolve(PREFIX + "ct/tile/0/000" + (tree < 256 ? ".p/" + tree : ""))),
                "the level-0 tile of a tree of " + tree);
        String report = verify(https, token);
        assertTrue(TOP_OK.matcher(report).find(), report);
        assertTrue(report.contains("\"last_seq\":" + cursor()), report);
        assertTrue(Pattern.compile("\"ct\":\\{[^}]*\"ok\":true").matcher(report).find(), "the CT archive verifies: " + report);
        assertTrue(metrics().contains("trustchain_event_sink_lag_events{") && metrics().contains("sink=\"s3\""), "the lag gauge of sink s3");
    }

    @Test
    @Order(2)
    void anOutageOfTheStoreDuringIssuanceLosesNothing() throws Exception {
        JdkHttps https = new JdkHttps(data.resolve("root.pem"));
        String token = Commands.adminToken(data);
        stopS3Proxy();
        AtomicInteger issued = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        AtomicInteger names = new AtomicInteger();
        long start = System.nanoTime();
        for (int w = 0; w < 4; w++) {
            workers.submit(() -> {
                while (issued.get() < 80 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(40)) {
                    JdkHttps.Response r = issue(https, token, "outage-" + names.incrementAndGet() + ".hypermesh.online");
                    if (r.status() == 201) {
                        issued.incrementAndGet();
                    } else {
                        failures.add(r.status() + " " + r.body());
                    }
                }
            });
        }
        workers.shutdown();
        assertTrue(workers.awaitTermination(120, TimeUnit.SECONDS));
        assertEquals(List.of(), failures, "issuance goes on while the store is down");
        assertTrue(issued.get() >= 40, "issued during the outage: " + issued.get());
        long size = checkpoint(https, token);
        Thread.sleep(3000);
        assertTrue(cursor() < size, "nothing archived while the store is down");
        Matcher lag = Pattern.compile("trustchain_event_sink_lag_events\\{[^}]*sink=\"s3\"[^}]*} ([0-9.E]+)").matcher(metrics());
        assertTrue(lag.find() && Double.parseDouble(lag.group(1)) >= issued.get(), "the lag shows the outage's events waiting");

        startS3Proxy();
        awaitCursor(size, 90);
        assertEquals(number("select count(*) from audit_chain where seq <= " + size), size);
        assertContiguous(listed(), cursor());
        String report = verify(https, token);
        assertTrue(TOP_OK.matcher(report).find(), report);
        assertTrue(report.contains("\"events\":" + cursor()), report);
        assertEquals(0, number("select count(*) from event_sink_dead_letter where sink = 's3'"));
    }

    @Test
    @Order(3)
    void anObjectChangedInTheStoreIsReportedAtItsPosition() throws Exception {
        JdkHttps https = new JdkHttps(data.resolve("root.pem"));
        String token = Commands.adminToken(data);
        List<String> keys = listed();
        String key = keys.get(keys.size() / 2);
        Path file = blob(key);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) {
            if (lines.get(i).startsWith("event ") && lines.get(i).contains("\"actor\":\"")) {
                at = i;
            }
        }
        assertTrue(at >= 0, "an event in " + key);
        long position = Long.parseLong(lines.get(at).split(" ")[1]);
        lines.set(at, lines.get(at).replaceFirst("\"actor\":\"[^\"]*\"", "\"actor\":\"someone-else\""));
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        String report = verify(https, token);
        assertTrue(report.contains("\"ok\":false"), report);
        assertTrue(report.contains("\"failed_at\":" + position + ","), "the first bad position is " + position + ": " + report);
        assertTrue(report.contains(key), "the object is named as damaged: " + report);

        // A leaf hash of the CT log's first tile changed in the store: the recomputed root names that tile.
        // The archive may still be catching up with the log (a checkpoint and partial tile for a larger tree
        // uploaded between our read and the verification), so a try whose verification saw another tree than
        // the one tampered with is repeated on the newer one; every try must report the damage when it saw our tree.
        Pattern damaged = Pattern.compile("\"ct\":\\{[^}]*\"failed_at_leaf\":0,[^}]*\"ok\":false");
        for (int attempt = 0; ; attempt++) {
            long tree = treeSize(Files.readString(blob(PREFIX + "ct/checkpoint")));
            Path tile = blob(PREFIX + "ct/tile/0/000" + (tree < 256 ? ".p/" + tree : ""));
            byte[] hashes = Files.readAllBytes(tile);
            hashes[0] ^= 1;
            Files.write(tile, hashes);
            report = verify(https, token);
            boolean sameTree = report.matches("(?s).*\"ct\":\\{[^}]*\"tree_size\":" + tree + "[,}].*");
            if (sameTree || attempt == 4) {
                assertTrue(sameTree, "the archive settled on a tree within five tries: " + report);
                assertTrue(damaged.matcher(report).find(), "the CT archive's first bad tile starts at leaf 0: " + report);
                break;
            }
            Thread.sleep(1000);
        }
    }
}
