package online.hypermesh.trustchain.ca.ct;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import online.hypermesh.trustchain.ca.config.Settings;
import online.hypermesh.trustchain.witness.client.WitnessEndpoint;

/**
 * The CT log settings, read and validated once (a bad value stops deployment with its name).
 *
 * <ul>
 * <li>{@code trustchain.ct.port}: the log's HTTPS listener, default 6962, shifted by
 *     {@code jboss.socket.binding.port-offset} like the listener itself (cli/ct.cli)</li>
 * <li>{@code trustchain.ct.url}: the submission prefix published in log.json, default
 *     {@code https://localhost:<port>/}; the checkpoint origin is it without scheme and slash</li>
 * <li>{@code trustchain.ct.node.url}: where the other nodes reach this node's CT listener when it
 *     sequences the log (they forward submissions there), default {@code https://localhost:<port>/};
 *     set it to the node's own address, not a load balancer's</li>
 * <li>{@code trustchain.ct.description}: log.json description, default "TrustChain CT log"</li>
 * <li>{@code trustchain.ct.flush.ms}: sequencer flush period, 1-1000 ms, default 5</li>
 * <li>{@code trustchain.ct.submit.timeout.ms}: how long a submission waits for its SCT before 503, default 5000</li>
 * <li>{@code trustchain.ct.get.entries.max}: get-entries cap, default 256</li>
 * <li>{@code trustchain.ct.witnesses}: the witnesses that cosign the log's checkpoints, as
 *     {@code <vkey> <url>} pairs separated by spaces or commas (vkey {@code name+hexid+base64(0x04||key)},
 *     url the witness's submission prefix); default none. {@code ./trustchain run} sets four local ones</li>
 * <li>{@code trustchain.ct.witness.timeout.ms}: how long one request to a witness may take, 100-30000, default 2000</li>
 * </ul>
 */
public record CtSettings(int port, String url, String origin, String nodeUrl, String description, Duration flushPeriod, Duration submitTimeout,
                         int maxEntriesPerRequest, List<WitnessEndpoint> witnesses, Duration witnessTimeout) {

    public static CtSettings from(Settings s) {
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        int port = s.getInt("trustchain.ct.port", 6962, 1, 65535 - offset) + offset;
        String url = httpsUrl(s, "trustchain.ct.url", "https://localhost:" + port + "/");
        String origin = url.substring("https://".length(), url.length() - 1);
        return new CtSettings(port, url, origin, httpsUrl(s, "trustchain.ct.node.url", "https://localhost:" + port + "/"),
                s.get("trustchain.ct.description", "TrustChain CT log"),
                Duration.ofMillis(s.getInt("trustchain.ct.flush.ms", 5, 1, 1000)),
                Duration.ofMillis(s.getInt("trustchain.ct.submit.timeout.ms", 5000, 100, 60_000)),
                s.getInt("trustchain.ct.get.entries.max", 256, 1, 10_000), witnesses(s),
                Duration.ofMillis(s.getInt("trustchain.ct.witness.timeout.ms", 2000, 100, 30_000)));
    }

    private static List<WitnessEndpoint> witnesses(Settings s) {
        try {
            return WitnessEndpoint.parseList(s.get("trustchain.ct.witnesses", ""));
        } catch (IllegalArgumentException e) {
            throw Settings.invalid("trustchain.ct.witnesses", e.getMessage());
        }
    }

    /** An https:// URL without query or fragment, ending in a slash. */
    private static String httpsUrl(Settings s, String name, String fallback) {
        String url = s.get(name, fallback);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw Settings.invalid(name, "must be an https:// URL, was '" + url + "'");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw Settings.invalid(name, "must be an https:// URL without query, was '" + url + "'");
        }
        return url.endsWith("/") ? url : url + "/";
    }
}
