package online.hypermesh.trustchain.witness.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.client.WitnessEndpoint;

/**
 * {@code java -jar trustchain-witness.jar validate --chain FILE --roots roots.pem [--log URL --origin
 * ORIGIN --log-key BASE64-SPKI] [--witness VKEY=URL]... [--dns HOST:PORT --mesh-zone ZONE] [--json]}: verifies a PEM chain and prints
 * every check with its evidence. Exit status 0 when no check failed, 1 when one did, 2 for bad
 * arguments or unreadable files. With {@code --dns} and {@code --mesh-zone} the names of the leaf in
 * that zone are checked against their TLSA records on that server. The roots also serve as the trust for the log's HTTPS.
 */
public final class ValidateMain {
    public static final int INVALID_EXIT = 1;
    public static final int USAGE_EXIT = 2;

    private ValidateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        Path chainFile = null;
        Path rootsFile = null;
        URI logUrl = null;
        String origin = null;
        String key = null;
        boolean json = false;
        String dns = null;
        String zone = null;
        List<WitnessEndpoint> witnesses = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--json")) {
                    json = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    return usage(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--chain" -> chainFile = Path.of(v);
                    case "--roots" -> rootsFile = Path.of(v);
                    case "--log" -> logUrl = URI.create(v);
                    case "--origin" -> origin = v;
                    case "--log-key" -> key = v;
                    case "--dns" -> dns = v;
                    case "--mesh-zone" -> zone = v;
                    case "--witness" -> {
                        int eq = v.indexOf("=http");
                        if (eq <= 0) {
                            return usage("--witness is VKEY=URL (the vkey as in trustchain.ct.witnesses)");
                        }
                        witnesses.add(WitnessEndpoint.parse(v.substring(0, eq), v.substring(eq + 1)));
                    }
                    default -> {
                        return usage("unknown option " + a);
                    }
                }
            }
            if (chainFile == null || rootsFile == null) {
                return usage("--chain and --roots are required");
            }
            if ((origin == null) != (key == null) || (logUrl != null && key == null)) {
                return usage("the log is given by --origin and --log-key together (and --log for its checkpoint and proofs)");
            }
            if ((dns == null) != (zone == null)) {
                return usage("the TLSA check needs --dns HOST:PORT (the mesh DNS server) and --mesh-zone ZONE together");
            }
            Optional<TlsaCheck> tlsa = Optional.empty();
            if (dns != null) {
                int colon = dns.lastIndexOf(':');
                if (colon <= 0) {
                    return usage("--dns is HOST:PORT, e.g. [::1]:8053");
                }
                String host = dns.substring(0, colon).replaceAll("^\\[|\\]$", "");
                tlsa = Optional.of(new TlsaCheck(zone, new DnsTlsaLookup(new java.net.InetSocketAddress(host,
                        Integer.parseInt(dns.substring(colon + 1))), Duration.ofSeconds(3))));
            }
            List<X509Certificate> chain = Pem.certificates(Files.readAllBytes(chainFile));
            List<X509Certificate> roots = Pem.certificates(Files.readAllBytes(rootsFile));
            if (chain.isEmpty()) {
                return usage(chainFile + " holds no PEM certificate");
            }
            if (roots.isEmpty()) {
                return usage(rootsFile + " holds no PEM certificate");
            }
            Set<TrustAnchor> anchors = new HashSet<>();
            roots.forEach(r -> anchors.add(new TrustAnchor(r, null)));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trusting(roots)).build();
            Optional<LogKey> log = key == null ? Optional.empty() : Optional.of(LogKey.fromBase64Spki(origin, key));
            Report report = new ChainVerifier(anchors, log, Optional.ofNullable(logUrl), witnesses, tlsa, Duration.ZERO, http,
                    Clock.systemUTC()).verify(chain);
            System.out.print(json ? report.toJson() + "\n" : report.toText());
            return report.passed() ? 0 : INVALID_EXIT;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("validate: " + e.getMessage());
            return USAGE_EXIT;
        }
    }

    private static SSLContext trusting(List<X509Certificate> roots) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : roots) {
            ks.setCertificateEntry("root-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static int usage(String problem) {
        System.err.println("validate: " + problem);
        System.err.println("usage: validate --chain FILE --roots roots.pem [--log URL --origin ORIGIN --log-key BASE64-SPKI]"
                + " [--witness VKEY=URL]... [--dns HOST:PORT --mesh-zone ZONE] [--json]");
        return USAGE_EXIT;
    }

    /** PEM certificates, in file order. */
    static final class Pem {
        private Pem() {
        }

        static List<X509Certificate> certificates(byte[] pem) throws GeneralSecurityException {
            List<X509Certificate> out = new ArrayList<>();
            try (InputStream in = new java.io.ByteArrayInputStream(pem)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    out.add((X509Certificate) c);
                }
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            return out;
        }
    }
}
