package online.hypermesh.trustchain.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * From flush to confirmed checkpoint: issues one certificate at a time (its SCT returns once its
 * entry is in a committed tree head, i.e. after the flush), then polls {@code /checkpoint} every
 * millisecond until it covers that tree with a quorum of cosignatures. Prints p50/p99/max.
 *
 * <p>{@code WitnessBench --data-dir DIR [--port-offset N] [--count N] [--quorum Q]}
 */
public final class WitnessBench {
    private static final Pattern TREE_SIZE = Pattern.compile("\"tree_size\"\\s*:\\s*(\\d+)");

    private WitnessBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        int offset = 0;
        int count = 200;
        int quorum = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> data = Path.of(args[i + 1]);
                case "--port-offset" -> offset = Integer.parseInt(args[i + 1]);
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--quorum" -> quorum = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (data == null) {
            System.err.println("usage: witness.sh --data-dir DIR [--port-offset N] [--count N] [--quorum Q]");
            System.exit(2);
        }
        HttpClient http = ClientFactory.create(RootTrust.sslContext(data.resolve("root.pem")), HttpClient.Version.HTTP_1_1);
        String token = Files.readString(data.resolve("admin-token")).trim();
        URI api = URI.create("https://[::1]:" + (8443 + offset) + "/api/v1/ca/certificates?profile=server");
        URI sth = URI.create("https://[::1]:" + (6962 + offset) + "/ct/v1/get-sth");
        URI checkpoint = URI.create("https://[::1]:" + (6962 + offset) + "/checkpoint");
        CsrGenerator csrs = new CsrGenerator(KeyType.P256);
        List<Long> micros = new ArrayList<>();
        int warmup = Math.min(10, count / 10);
        for (int n = 0; n < count + warmup; n++) {
            PKCS10CertificationRequest csr = csrs.generate(n);
            HttpRequest issue = HttpRequest.newBuilder(api).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/pkcs10").POST(HttpRequest.BodyPublishers.ofByteArray(csr.getEncoded())).build();
            HttpResponse<String> issued = http.send(issue, HttpResponse.BodyHandlers.ofString());
            long flushed = System.nanoTime();
            if (issued.statusCode() != 201) {
                throw new IllegalStateException("issuance answered " + issued.statusCode() + ": " + issued.body());
            }
            Matcher m = TREE_SIZE.matcher(http.send(HttpRequest.newBuilder(sth).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (!m.find()) {
                throw new IllegalStateException("get-sth without tree_size");
            }
            long size = Long.parseLong(m.group(1));
            long deadline = flushed + 60_000_000_000L;
            while (true) {
                String note = http.send(HttpRequest.newBuilder(checkpoint).build(), HttpResponse.BodyHandlers.ofString()).body();
                String[] lines = note.split("\n");
                long cosignatures = note.lines().filter(l -> l.startsWith("\u2014 ")).count() - 1;
                if (Long.parseLong(lines[1]) >= size && cosignatures >= quorum) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("checkpoint " + size + " not confirmed within 60 s:\n" + note);
                }
                Thread.sleep(1);
            }
            if (n >= warmup) {
                micros.add((System.nanoTime() - flushed) / 1000);
            }
        }
        Collections.sort(micros);
        System.out.printf(Locale.ROOT, "flush -> confirmed checkpoint (%d of %d, quorum %d): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                micros.size(), count, quorum, pct(micros, 50), pct(micros, 99), micros.get(micros.size() - 1) / 1000.0);
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1000.0;
    }
}
