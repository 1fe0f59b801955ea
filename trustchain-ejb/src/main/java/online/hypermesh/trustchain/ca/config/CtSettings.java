package online.hypermesh.trustchain.ca.config;

import java.time.Duration;

/**
 * The CT log's section. The port is shifted by {@code jboss.socket.binding.port-offset} like the
 * listener itself (cli/ct.cli); the checkpoint origin is the URL without scheme and slash.
 */
public record CtSettings(int port, String url, String origin, String nodeUrl, String description, Duration flushPeriod, Duration submitTimeout,
                         int maxEntriesPerRequest) {

    public static final Setting<Integer> PORT = Setting.integer("trustchain.ct.port", 6962, 1, 65535,
            "the log's HTTPS listener (plus the port offset)");
    public static final Setting<String> URL = Setting.of("trustchain.ct.url", "https:// URL", null, "https://localhost:<port>/",
            "the submission prefix published in log.json", Values::httpsUrl);
    public static final Setting<String> NODE_URL = Setting.of("trustchain.ct.node.url", "https:// URL", null, "https://localhost:<port>/",
            "where the other nodes reach this node's CT listener when it sequences the log; the node's own address, not a load balancer's",
            Values::httpsUrl);
    public static final Setting<String> DESCRIPTION = Setting.text("trustchain.ct.description", "TrustChain CT log", "log.json description");
    public static final Setting<Integer> FLUSH_MS = Setting.integer("trustchain.ct.flush.ms", 5, 1, 1000, "sequencer flush period in ms");
    public static final Setting<Integer> SUBMIT_TIMEOUT_MS = Setting.integer("trustchain.ct.submit.timeout.ms", 5000, 100, 60_000,
            "how long a submission waits for its SCT before 503");
    public static final Setting<Integer> GET_ENTRIES_MAX = Setting.integer("trustchain.ct.get.entries.max", 256, 1, 10_000,
            "most entries one get-entries answers");

    static CtSettings read(Settings s) {
        int offset = s.portOffset();
        int port = s.get(PORT) + offset;
        if (port > 65535) {
            s.reject(PORT, "plus the port offset " + offset + " is " + port + ", beyond 65535");
        }
        String url = s.get(URL, "https://localhost:" + port + "/");
        String origin = url.substring("https://".length(), url.length() - 1);
        return new CtSettings(port, url, origin, s.get(NODE_URL, "https://localhost:" + port + "/"), s.get(DESCRIPTION),
                Duration.ofMillis(s.get(FLUSH_MS)), Duration.ofMillis(s.get(SUBMIT_TIMEOUT_MS)), s.get(GET_ENTRIES_MAX));
    }
}
