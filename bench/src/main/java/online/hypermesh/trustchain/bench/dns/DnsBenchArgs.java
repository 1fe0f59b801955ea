package online.hypermesh.trustchain.bench.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the DNS load generator. {@code --mode}: {@code udp} (classic DNS), {@code doq}
 * (DNS-over-QUIC, queries on warm connections) or {@code doq-new} (a new QUIC connection per query).
 */
record DnsBenchArgs(Mode mode, InetSocketAddress server, int concurrency, int inflight, int warmupSeconds,
                    int durationSeconds, List<String> names, String type, Path rootCa, String serverName, int timeoutMillis) {

    enum Mode { UDP, DOQ, DOQ_NEW }

    static final String USAGE = """
            usage: dns.sh --mode udp|doq|doq-new [options]
              --host H           server address (default ::1)
              --port P           server port (default 8053 for udp, 8853 for doq; add the --port-offset of the server)
              --concurrency N    udp: sockets (one thread each); doq: connections; doq-new: connecting workers (default 4)
              --inflight N       udp: queries outstanding per socket; doq: concurrent streams per connection (default 16; doq-new: 1)
              --warmup S         unmeasured seconds first (default 5)
              --duration S       measured seconds (default 20)
              --names a,b        names asked round-robin (default trust,hypermesh,caesar,assets .hypermesh.online)
              --type T           query type (default AAAA)
              --data-dir D       the server's data directory, for root.pem (doq)
              --root-ca F        trust anchor for the DoQ certificate (default <data-dir>/root.pem)
              --server-name N    name checked in the DoQ certificate (default trust.hypermesh.online)
              --timeout-ms T     a query not answered within T counts as lost (default 1000)
            """;

    static DnsBenchArgs parse(String[] argv) {
        Map<String, String> opts = new HashMap<>();
        Set<String> known = Set.of("--mode", "--host", "--port", "--concurrency", "--inflight", "--warmup", "--duration",
                "--names", "--type", "--data-dir", "--root-ca", "--server-name", "--timeout-ms");
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].equals("--help")) {
                throw new IllegalArgumentException("");
            }
            if (!known.contains(argv[i]) || i + 1 >= argv.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + argv[i]);
            }
            opts.put(argv[i], argv[++i]);
        }
        Mode mode = switch (opts.getOrDefault("--mode", "")) {
            case "udp" -> Mode.UDP;
            case "doq" -> Mode.DOQ;
            case "doq-new" -> Mode.DOQ_NEW;
            default -> throw new IllegalArgumentException("--mode must be udp, doq or doq-new");
        };
        int port = intOpt(opts, "--port", mode == Mode.UDP ? 8053 : 8853, 1, 65535);
        InetSocketAddress server;
        try {
            server = new InetSocketAddress(InetAddress.getByName(opts.getOrDefault("--host", "::1")), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host: " + e.getMessage());
        }
        List<String> names = Arrays.stream(opts.getOrDefault("--names",
                        "trust.hypermesh.online,hypermesh.hypermesh.online,caesar.hypermesh.online,assets.hypermesh.online").split(","))
                .map(String::trim).filter(n -> !n.isEmpty()).map(n -> n.endsWith(".") ? n : n + ".").toList();
        Path rootCa = null;
        if (opts.containsKey("--root-ca")) {
            rootCa = Path.of(opts.get("--root-ca"));
        } else if (opts.containsKey("--data-dir")) {
            rootCa = Path.of(opts.get("--data-dir"), "root.pem");
        }
        if (mode != Mode.UDP && rootCa == null) {
            throw new IllegalArgumentException("DoQ needs --data-dir or --root-ca to check the server certificate");
        }
        return new DnsBenchArgs(mode, server, intOpt(opts, "--concurrency", 4, 1, 4096),
                intOpt(opts, "--inflight", mode == Mode.DOQ_NEW ? 1 : 16, 1, 10_000),
                intOpt(opts, "--warmup", 5, 0, 3600), intOpt(opts, "--duration", 20, 1, 86_400), names,
                opts.getOrDefault("--type", "AAAA"), rootCa, opts.getOrDefault("--server-name", "trust.hypermesh.online"),
                intOpt(opts, "--timeout-ms", 1000, 1, 60_000));
    }

    private static int intOpt(Map<String, String> opts, String name, int def, int min, int max) {
        String v = opts.get(name);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was " + v);
        }
    }
}
