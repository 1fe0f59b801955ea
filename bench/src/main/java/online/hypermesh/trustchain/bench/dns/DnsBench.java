package online.hypermesh.trustchain.bench.dns;

/**
 * DNS load generator: classic UDP or DNS-over-QUIC against a running TrustChain (or any server
 * that answers the names asked). Warms up, resets the counters, measures, prints a summary and one
 * {@code RESULT} line. Exit status 0, 1 when more than 1% of the measured queries failed, 2 on bad arguments.
 */
public final class DnsBench {

    private DnsBench() {
    }

    public static void main(String[] argv) throws Exception {
        DnsBenchArgs args;
        try {
            args = DnsBenchArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage().isEmpty() ? DnsBenchArgs.USAGE : e.getMessage() + "\n" + DnsBenchArgs.USAGE);
            System.exit(2);
            return;
        }
        QueryTemplates queries = new QueryTemplates(args.names(), args.type());
        LoadStats stats = new LoadStats();
        DnsLoad load = switch (args.mode()) {
            case UDP -> new UdpLoad(args, queries, stats);
            case DOQ -> new DoqLoad(args, queries, stats, false);
            case DOQ_NEW -> new DoqLoad(args, queries, stats, true);
        };
        String label = args.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        System.out.printf("%s against %s: concurrency %d, inflight %d, warm-up %d s, measured %d s, names %s%n",
                label, args.server(), args.concurrency(), args.inflight(), args.warmupSeconds(), args.durationSeconds(), args.names());
        load.start();
        Thread.sleep(args.warmupSeconds() * 1000L);
        stats.reset();
        long start = System.nanoTime();
        Thread.sleep(args.durationSeconds() * 1000L);
        double seconds = (System.nanoTime() - start) / 1e9;
        String summary = stats.summary(label, seconds);
        load.stop();
        System.out.println(summary);
        System.exit(summary.contains("failed=0") || failedShare(summary) <= 0.01 ? 0 : 1);
    }

    private static double failedShare(String summary) {
        String[] words = summary.split("\\s+");
        long answered = Long.parseLong(words[1]);
        long failed = Long.parseLong(words[3]);
        return answered + failed == 0 ? 1.0 : (double) failed / (answered + failed);
    }
}
