package online.hypermesh.trustchain.witness.monitor;

import java.io.InputStream;
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
 * [--root-pem FILE] [--witness NAME=URL]... [--interval-ms N] [--once]}: follows the log and its
 * witnesses; prints each split view with both signed checkpoints. Exit status 3 once a split view
 * is found (with --once after one round, else at once), 0 for a clean --once round, 2 for bad arguments.
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
        while (true) {
            List<SplitView> views = monitor.poll();
            for (SplitView v : views) {
                System.out.println(Instant.now() + " SPLIT VIEW (Byzantine behaviour detected): " + v.reason());
                System.out.println("--- seen at " + v.firstSource() + ":\n" + v.first());
                System.out.println("--- seen at " + v.secondSource() + ":\n" + v.second());
            }
            if (!views.isEmpty()) {
                System.exit(SPLIT_VIEW_EXIT);
            }
            System.out.println(Instant.now() + " consistent up to size " + monitor.size() + " (log and " + witnesses.size() + " witnesses)");
            if (once) {
                return;
            }
            Thread.sleep(interval);
        }
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
                + "[--root-pem FILE] [--witness NAME=URL]... [--interval-ms N] [--once]");
        System.exit(2);
    }
}
