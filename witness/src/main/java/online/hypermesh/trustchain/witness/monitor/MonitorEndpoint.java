package online.hypermesh.trustchain.witness.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The monitor's alert surface for probes and Prometheus: {@code GET /health} is 200 {@code UP}
 * while every checkpoint seen is consistent, 503 {@code DOWN: Byzantine behaviour detected} with
 * both signed checkpoints once a split view is found (and stays so: a log that signed two trees of
 * one size stays untrusted until an operator acts); {@code GET /metrics} counts the split views in
 * {@code trustchain_ct_byzantine_detections_total}, the name the TrustChainByzantineBehaviour alert
 * rule watches, and gives the size checked so far.
 */
final class MonitorEndpoint implements AutoCloseable {
    private final HttpServer server;
    private volatile long size = -1;
    private volatile List<SplitView> found = List.of();

    MonitorEndpoint(InetSocketAddress address) throws IOException {
        server = HttpServer.create(address, 16);
        server.createContext("/health", this::health);
        server.createContext("/metrics", this::metrics);
        server.start();
    }

    void update(long checkedSize, List<SplitView> splitViews) {
        size = checkedSize;
        found = List.copyOf(splitViews);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange ex) throws IOException {
        List<SplitView> views = found;
        if (views.isEmpty()) {
            answer(ex, 200, "text/plain; charset=utf-8", "UP: consistent up to size " + size + "\n");
            return;
        }
        StringBuilder b = new StringBuilder("DOWN: Byzantine behaviour detected: ").append(views.size()).append(" split view(s)\n");
        for (SplitView v : views) {
            b.append(MonitorMain.describe(v));
        }
        answer(ex, 503, "text/plain; charset=utf-8", b.toString());
    }

    private void metrics(HttpExchange ex) throws IOException {
        String body = "# HELP trustchain_ct_byzantine_detections_total Split views found: two checkpoints signed with the log's key that no"
                + " append-only log can both have made\n# TYPE trustchain_ct_byzantine_detections_total counter\n"
                + "trustchain_ct_byzantine_detections_total " + found.size() + ".0\n"
                + "# HELP trustchain_ct_monitor_checked_size Largest checkpoint size the monitor found consistent\n"
                + "# TYPE trustchain_ct_monitor_checked_size gauge\ntrustchain_ct_monitor_checked_size " + size + ".0\n";
        answer(ex, 200, "text/plain; version=0.0.4; charset=utf-8", body);
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(status, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
