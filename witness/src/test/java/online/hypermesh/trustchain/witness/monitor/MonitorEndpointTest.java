package online.hypermesh.trustchain.witness.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The monitor's health and metrics: UP while consistent, DOWN with both checkpoints once a split view is found. */
class MonitorEndpointTest {
    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndMetricsRaiseTheByzantineAlert() throws Exception {
        try (MonitorEndpoint e = new MonitorEndpoint(new InetSocketAddress("127.0.0.1", 0))) {
            e.update(7, List.of());
            HttpResponse<String> h = get(e.port(), "/health");
            assertEquals(200, h.statusCode());
            assertEquals("UP: consistent up to size 7\n", h.body());
            assertTrue(get(e.port(), "/metrics").body().contains("\ntrustchain_ct_byzantine_detections_total 0.0\n"));

            e.update(7, List.of(new SplitView("two roots for tree size 7", "log", "honest note\n", "witness w4", "forked note\n")));
            h = get(e.port(), "/health");
            assertEquals(503, h.statusCode());
            assertTrue(h.body().startsWith("DOWN: Byzantine behaviour detected: 1 split view(s)\n"), h.body());
            assertTrue(h.body().contains("--- seen at log:\nhonest note\n--- seen at witness w4:\nforked note\n"), h.body());
            String metrics = get(e.port(), "/metrics").body();
            assertTrue(metrics.contains("\ntrustchain_ct_byzantine_detections_total 1.0\n"), metrics);
            assertTrue(metrics.contains("\ntrustchain_ct_monitor_checked_size 7.0\n"), metrics);
        }
    }

    @Test
    void evidenceNotesAreReadBackFromTheWitnessJson() {
        String json = "[{\"kind\":\"fork\",\"status\":409,\"reason\":\"a \\\"different\\\" root\",\"received\":\"2026-12-02T06:00:00Z\","
                + "\"refused\":\"o\\n6\\nAA==\\n\\n\\u2014 o sig\\n\",\"held\":\"o\\n6\\nBB==\\n\\n\\u2014 o sig2\\n\"}]";
        List<String[]> notes = EvidenceNotes.of(json);
        assertEquals(2, notes.size());
        assertEquals("refused", notes.get(0)[0]);
        assertEquals("o\n6\nAA==\n\n\u2014 o sig\n", notes.get(0)[1]);
        assertEquals("held", notes.get(1)[0]);
    }
}
