package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;


/**
 * End-to-end ACME orders per second (RFC 8555), the way an ACME client does them: new-order, the
 * authorization, the http-01 challenge (validated by the server over the network against this
 * tool's own responder on loopback), finalize with a CSR, download of the certificate. Each worker
 * has its own ACME account (made, with an EAB key, before the run) and repeats the order cycle
 * closed loop; the latency recorded is order-to-certificate. Exit 0: passed; 1: more than 1% of
 * the measured orders failed; 2: could not run.
 *
 * <p>The server must validate http-01 on the responder's port through its own DNS: start it with
 * {@code TRUSTCHAIN_ACME_HTTP01_PORT=<--http01-port> TRUSTCHAIN_ACME_RESOLVERS='[::1]:8053'}.
 */
public final class AcmeBench {
    static final String USAGE = """
            usage: bench/acme.sh --data-dir DIR [--url https://[::1]:8443] [--concurrency 8] [--warmup 10] [--duration 30]
                                 [--http01-port 5002] [--name acme-bench.hypermesh.online] [--csrs 500]
            The server must run with TRUSTCHAIN_ACME_HTTP01_PORT=<--http01-port> and TRUSTCHAIN_ACME_RESOLVERS='[::1]:8053'.""";

    private AcmeBench() {
    }

    record Options(URI url, Path dataDir, int concurrency, int warmupSeconds, int durationSeconds, int http01Port, String name, int csrs) {
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.println(USAGE);
            return;
        }
        try {
            System.exit(new AcmeRun(o, System.out).execute() ? 0 : 1);
        } catch (IOException | GeneralSecurityException | IllegalStateException e) {
            System.err.println("error: " + e);
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(2);
        }
    }

    static Options parse(String[] args) {
        URI url = URI.create("https://[::1]:8443");
        Path data = null;
        int concurrency = 8;
        int warmup = 10;
        int duration = 30;
        int port = 5002;
        String name = "acme-bench.hypermesh.online";
        int csrs = 500;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--url" -> url = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
                case "--data-dir" -> data = Path.of(v);
                case "--concurrency" -> concurrency = number(a, v, 1, 1024);
                case "--warmup" -> warmup = number(a, v, 0, 3600);
                case "--duration" -> duration = number(a, v, 1, 3600);
                case "--http01-port" -> port = number(a, v, 1, 65535);
                case "--name" -> name = v;
                case "--csrs" -> csrs = number(a, v, 1, 100_000);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data-dir is required (root.pem and admin-token are read from it)");
        }
        return new Options(url, data, concurrency, warmup, duration, port, name, csrs);
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be " + min + " to " + max + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got " + value);
        }
    }
}
