package online.hypermesh.trustchain.witness.monitor;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import online.hypermesh.trustchain.witness.LogKey;

/**
 * {@code java -jar trustchain-witness.jar monitor --log URL --origin ORIGIN --log-key BASE64-SPKI
 * [--root-pem FILE] [--witness NAME=URL]... [--interval-ms N] [--once] [--listen HOST:PORT]}: follows
 * the log and its witnesses; prints each split view with both signed checkpoints. Exit status 3
 * once a split view is found (with --once after one round, else at once), 0 for a clean --once
 * round, 2 for bad arguments. With {@code --listen} it keeps running after a split view and raises
 * it on {@code /health} and {@code /metrics} ({@link MonitorEndpoint}) instead of exiting.
 */
public final class MonitorMain {
    public static final int SPLIT_VIEW_EXIT = 3;

    private MonitorMain() {
    }

    public static void main(String[] args) throws Exception {
        URI logUrl = null;
        String origin = null;
        String key = null;
        Path rootPem = null;
        long interval = 1000;
        boolean once = false;
        String listen = null;
        Map<String, URI> witnesses = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--once")) {
                once = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--log" -> logUrl = URI.create(v);
                case "--origin" -> origin = v;
                case "--log-key" -> key = v;
                case "--root-pem" -> rootPem = Path.of(v);
                case "--interval-ms" -> interval = Long.parseLong(v);
                case "--listen" -> listen = v;
                case "--witness" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        usage("--witness is NAME=URL");
                    }
                    witnesses.put(v.substring(0, eq), URI.create(v.substring(eq + 1)));
                }
                default -> usage("unknown option " + a);
            }
        }
        if (logUrl == null || origin == null || key == null) {
            usage("--log, --origin and --log-key are required");
        }
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (rootPem != null) {
            http.sslContext(trusting(rootPem));
        }
        SplitViewMonitor monitor = new SplitViewMonitor(LogKey.fromBase64Spki(origin, key), logUrl, witnesses, http.build());
        MonitorEndpoint endpoint = null;
        if (listen != null) {
            int colon = listen.lastIndexOf(':');
            if (colon <= 0) {
                usage("--listen is HOST:PORT");
            }
            endpoint = new MonitorEndpoint(new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))));
            System.out.println("monitor health on http://" + listen + "/health, metrics on http://" + listen + "/metrics");
        }
        while (true) {
            List<SplitView> views = monitor.poll();
            for (SplitView v : views) {
                System.out.print(Instant.now() + " " + describe(v));
            }
            System.out.flush();
            if (endpoint != null) {
                endpoint.update(monitor.size(), monitor.splitViews());
            } else if (!views.isEmpty()) {
                System.exit(SPLIT_VIEW_EXIT);
            }
            if (views.isEmpty()) {
                System.out.println(Instant.now() + " " + (monitor.splitViews().isEmpty() ? "consistent" : "no new split view")
                        + " up to size " + monitor.size() + " (log and " + witnesses.size() + " witnesses)");
            }
            if (once) {
                System.exit(monitor.splitViews().isEmpty() ? 0 : SPLIT_VIEW_EXIT);
            }
            Thread.sleep(interval);
        }
    }

    /** A split view as reported: the alert's words, the reason and both signed checkpoints with where each was seen. */
    static String describe(SplitView v) {
        return "SPLIT VIEW (Byzantine behaviour detected): " + v.reason() + "\n--- seen at " + v.firstSource() + ":\n" + v.first()
                + "--- seen at " + v.secondSource() + ":\n" + v.second();
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("root-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void usage(String error) {
        System.err.println("monitor: " + error);
        System.err.println("usage: java -jar trustchain-witness.jar monitor --log URL --origin ORIGIN --log-key BASE64-SPKI "
                + "[--root-pem FILE] [--witness NAME=URL]... [--interval-ms N] [--once] [--listen HOST:PORT]");
        System.exit(2);
    }
}
