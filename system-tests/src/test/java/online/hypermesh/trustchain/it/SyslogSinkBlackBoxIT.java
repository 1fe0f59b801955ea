package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The SIEM sink against Debian's rsyslog (imtcp with the GnuTLS driver, TLS only, octet-counted
 * RFC 5425 framing, writing the parsed fields of each message to a file) and a TrustChain started
 * the README way with the sink switched on: the events arrive parsed (app-name, MSGID, hostname,
 * structured data, CEF); then rsyslog is stopped for a minute while certificates are issued under
 * load, started again, and every audit event of the chain arrives, counted by idempotency key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyslogSinkBlackBoxIT {
    private static final int OFFSET = 3000;
    private static final int SYSLOG_PORT = 6514 + OFFSET;
    private static final String NAME = "syslog-sink";
    private static final Pattern KEY = Pattern.compile("\\[trustchain@32473 key=\"([0-9a-f]{64})\" seq=\"(\\d+)\"");

    private static Path work;
    private static Path data;
    private static Path syslogDir;
    private static Process rsyslog;
    private static RunningTrustChain server;

    @BeforeAll
    static void start() throws Exception {
        work = RunningTrustChain.freshWorkDirectory(NAME);
        data = work.resolve("data");
        syslogDir = Files.createDirectories(work.resolve("rsyslog"));
        Files.createDirectories(syslogDir.resolve("work"));
        certificates();
        Files.writeString(syslogDir.resolve("rsyslog.conf"), String.join("\n",
                "global(workDirectory=\"" + syslogDir.resolve("work") + "\"",
                "  DefaultNetstreamDriver=\"gtls\"",
                "  DefaultNetstreamDriverCAFile=\"" + syslogDir.resolve("ca.pem") + "\"",
                "  DefaultNetstreamDriverCertFile=\"" + syslogDir.resolve("server.pem") + "\"",
                "  DefaultNetstreamDriverKeyFile=\"" + syslogDir.resolve("server.key") + "\")",
                "module(load=\"imtcp\" StreamDriver.Name=\"gtls\" StreamDriver.Mode=\"1\" StreamDriver.AuthMode=\"anon\")",
                "input(type=\"imtcp\" port=\"" + SYSLOG_PORT + "\")",
                "template(name=\"parsed\" type=\"string\" string=\"%app-name%\\t%msgid%\\t%hostname%\\t%structured-data%\\t%msg%\\n\")",
                "action(type=\"omfile\" file=\"" + syslogDir.resolve("received.log") + "\" template=\"parsed\")",
                ""));
        startRsyslog();
        server = RunningTrustChain.start(data, OFFSET, Map.of(
                "TRUSTCHAIN_SIEM_ENABLED", "true",
                "TRUSTCHAIN_SIEM_SYSLOG_HOST", "localhost",
                "TRUSTCHAIN_SIEM_SYSLOG_PORT", Integer.toString(SYSLOG_PORT),
                "TRUSTCHAIN_SIEM_SYSLOG_CA_FILE", syslogDir.resolve("ca.pem").toString(),
                "TRUSTCHAIN_SIEM_BACKOFF_MAX_MS", "10000",
                "TRUSTCHAIN_SIEM_POLL_MS", "200",
                "TRUSTCHAIN_NODE_NAME", "siem-node-0"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        stopRsyslog();
    }

    /** A CA and a localhost certificate for rsyslog, with openssl. */
    private static void certificates() throws Exception {
        Path d = syslogDir;
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", d.resolve("ca.key").toString(),
                "-out", d.resolve("ca.pem").toString(), "-days", "2", "-subj", "/CN=SIEM test CA");
        run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", d.resolve("server.key").toString(),
                "-out", d.resolve("server.csr").toString(), "-subj", "/CN=localhost");
        Files.writeString(d.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n");
        run("openssl", "x509", "-req", "-in", d.resolve("server.csr").toString(), "-CA", d.resolve("ca.pem").toString(), "-CAkey",
                d.resolve("ca.key").toString(), "-CAcreateserial", "-out", d.resolve("server.pem").toString(), "-days", "2", "-extfile",
                d.resolve("ext.cnf").toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    private static void startRsyslog() throws Exception {
        rsyslog = new ProcessBuilder("rsyslogd", "-n", "-f", syslogDir.resolve("rsyslog.conf").toString(), "-i",
                syslogDir.resolve("rsyslog.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(syslogDir.resolve("rsyslogd.out").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", SYSLOG_PORT)) {
                return;
            } catch (IOException e) {
                assertTrue(rsyslog.isAlive(), "rsyslogd exited: " + Files.readString(syslogDir.resolve("rsyslogd.out")));
                Thread.sleep(100);
            }
        }
        throw new AssertionError("rsyslogd does not listen on " + SYSLOG_PORT + ": " + Files.readString(syslogDir.resolve("rsyslogd.out")));
    }

    private static void stopRsyslog() throws Exception {
        if (rsyslog != null && rsyslog.isAlive()) {
            rsyslog.destroy(); // SIGTERM: rsyslog closes its connections and exits
            if (!rsyslog.waitFor(20, TimeUnit.SECONDS)) {
                rsyslog.destroyForcibly().waitFor();
            }
        }
    }

    private static List<String> received() throws IOException {
        Path f = syslogDir.resolve("received.log");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    /** seq to key of every message received, and how many messages in all. */
    private static Map<Long, String> keysReceived(int[] total) throws IOException {
        Map<Long, String> keys = new HashMap<>();
        int n = 0;
        for (String line : received()) {
            Matcher m = KEY.matcher(line);
            if (m.find()) {
                keys.put(Long.parseLong(m.group(2)), m.group(1));
                n++;
            }
        }
        total[0] = n;
        return keys;
    }

    private static String jdbcUrl() throws IOException {
        List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        return "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/" + online.hypermesh.trustchain.launcher.EmbeddedDatabase.DATABASE_NAME;
    }

    /** seq to hex chain hash of every chained event. */
    private static Map<Long, String> chain() throws Exception {
        Map<Long, String> out = new HashMap<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), online.hypermesh.trustchain.launcher.EmbeddedDatabase.USER,
                online.hypermesh.trustchain.launcher.EmbeddedDatabase.PASSWORD);
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("select seq, encode(hash, 'hex') from audit_chain")) {
            while (r.next()) {
                out.put(r.getLong(1), r.getString(2));
            }
        }
        return out;
    }

    private static long number(String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), online.hypermesh.trustchain.launcher.EmbeddedDatabase.USER,
                online.hypermesh.trustchain.launcher.EmbeddedDatabase.PASSWORD);
             java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static JdkHttps.Response issue(JdkHttps https, String token, String name) {
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TestCsr.forNames(name))
                + "\n-----END CERTIFICATE REQUEST-----\n";
        return https.post("https://[::1]:" + (8443 + OFFSET) + "/api/v1/ca/certificates?profile=server", "application/pkcs10", pem,
                "Authorization", "Bearer " + token);
    }

    /** Waits until nothing waits to be chained and every chained event is in the file; returns the chain. */
    private static Map<Long, String> awaitEverythingReceived(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<Long, String> chain;
        Map<Long, String> got;
        do {
            Thread.sleep(500);
            chain = chain();
            got = keysReceived(new int[1]);
        } while ((number("select count(*) from audit_unchained") > 0 || !got.keySet().containsAll(chain.keySet()))
                && System.nanoTime() < deadline);
        return chain;
    }

    private static String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (9990 + OFFSET) + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Issuances by 4 parallel clients until {@code count} succeeded or the time is up. */
    private static Load load(JdkHttps https, String token, String prefix, int count, long nanos) throws InterruptedException {
        Load load = new Load();
        long start = System.nanoTime();
        AtomicInteger names = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            workers.submit(() -> {
                while (load.issued.get() < count && System.nanoTime() - start < nanos) {
                    long t0 = System.nanoTime();
                    JdkHttps.Response r = issue(https, token, prefix + "-" + names.incrementAndGet() + ".hypermesh.online");
                    load.latencies.add(System.nanoTime() - t0);
                    if (r.status() == 201) {
                        load.issued.incrementAndGet();
                    } else if (load.failures.size() < 10) {
                        load.failures.add(r.status() + " " + r.body());
                    }
                }
            });
        }
        workers.shutdown();
        assertTrue(workers.awaitTermination(120, TimeUnit.SECONDS));
        return load;
    }

    private static final class Load {
        final AtomicInteger issued = new AtomicInteger();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

        long percentile(double p) {
            List<Long> sorted = new ArrayList<>(latencies);
            java.util.Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p))));
        }
    }

    @Test
    @Order(1)
    void eventsArriveAtRsyslogParsed() throws Exception {
        JdkHttps https = new JdkHttps(data.resolve("root.pem"));
        String token = Commands.adminToken(data);
        for (int i = 0; i < 5; i++) {
            assertEquals(201, issue(https, token, "siem-" + i + ".hypermesh.online").status());
        }
        Map<Long, String> chain = awaitEverythingReceived(60);
        Map<Long, String> got = keysReceived(new int[1]);
        assertTrue(got.keySet().containsAll(chain.keySet()), "received " + got.keySet() + " of " + chain.keySet());
        chain.forEach((seq, hash) -> assertEquals(hash, got.get(seq), "the idempotency key of event " + seq + " is its chain hash"));
        String issued = received().stream().filter(l -> l.contains("\tcertificate.issued\t")).findFirst().orElseThrow();
        String[] f = issued.split("\t", 5);
        assertEquals("trustchain", f[0], issued);
        assertEquals("certificate.issued", f[1], issued);
        assertEquals("siem-node-0", f[2], issued);
        assertTrue(f[3].startsWith("[trustchain@32473 key=\"") && f[3].contains(" action=\"certificate.issued\""), issued);
        assertTrue(f[4].startsWith("CEF:0|Hypermesh|TrustChain|") && f[4].contains("|100|Certificate issued|3|"), issued);
        assertTrue(f[4].contains(" cs1Label=idempotencyKey cs1="), issued);
        assertTrue(metrics().contains("trustchain_event_sink_lag_events{"), "the lag gauge is exported");
    }

    @Test
    @Order(2)
    void aMinuteWithoutTheReceiverUnderLoadLosesNothing() throws Exception {
        JdkHttps https = new JdkHttps(data.resolve("root.pem"));
        String token = Commands.adminToken(data);
        // The same load with the receiver up first, to compare issuance latency with the outage's
        // (after a warm-up: the first issuances of a fresh JVM are slow for reasons of their own).
        assertTrue(load(https, token, "warm-up", 100, TimeUnit.SECONDS.toNanos(55)).failures.isEmpty());
        Load baseline = load(https, token, "baseline", 100, TimeUnit.SECONDS.toNanos(55));
        assertTrue(baseline.failures.isEmpty(), "issuance failed with the SIEM up: " + baseline.failures);
        stopRsyslog();
        long outageStart = System.nanoTime();
        Load outage = load(https, token, "outage", 300, TimeUnit.SECONDS.toNanos(55));
        AtomicInteger issued = outage.issued;
        assertTrue(outage.failures.isEmpty(), "issuance failed while the SIEM was down: " + outage.failures);
        long remaining = TimeUnit.SECONDS.toNanos(60) - (System.nanoTime() - outageStart);
        if (remaining > 0) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(remaining));
        }
        // The gauge at the end of the minute: at least every event of the outage waits.
        long lagDuringOutage = -1;
        Matcher lag = Pattern.compile("trustchain_event_sink_lag_events\\{[^}]*sink=\"siem\"[^}]*} ([0-9.E]+)").matcher(metrics());
        if (lag.find()) {
            lagDuringOutage = (long) Double.parseDouble(lag.group(1));
        }
        int linesBefore = received().size();
        startRsyslog();

        Map<Long, String> chain = awaitEverythingReceived(120);
        int[] total = new int[1];
        Map<Long, String> got = keysReceived(total);
        Set<Long> lost = new HashSet<>(chain.keySet());
        lost.removeAll(got.keySet());
        System.out.println("SIEM outage: issuance with the receiver up " + baseline.issued.get() + " (p50 " + baseline.percentile(0.5)
                + " ms, p99 " + baseline.percentile(0.99) + " ms), during the outage " + issued.get() + " (p50 " + outage.percentile(0.5)
                + " ms, p99 " + outage.percentile(0.99) + " ms); lag during it "
                + lagDuringOutage + "; audit events sent (chained) " + chain.size() + ", messages received " + total[0] + ", distinct keys "
                + got.size() + ", duplicates " + (total[0] - got.size()) + ", lost " + lost.size() + ", lines before the restart "
                + linesBefore);
        assertTrue(issued.get() >= 100, "a few hundred issuances in the outage, were " + issued.get());
        assertTrue(lagDuringOutage >= issued.get(), "the lag gauge showed the outage's events waiting: " + lagDuringOutage);
        assertEquals(Set.of(), lost, "every audit event arrived");
        chain.forEach((seq, hash) -> assertEquals(hash, got.get(seq), "event " + seq + " under its own key"));
        assertEquals(0, number("select count(*) from event_sink_dead_letter"));
        // The cursor moves in its own commit after the receiver took the batch, so it may trail what arrived for a moment.
        long last = number("select max(seq) from audit_chain");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long position;
        while ((position = number("select position from event_sink where sink = 'siem'")) < last && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(last, position, "the sink's cursor reached the end of the chain");
    }
}
