package online.hypermesh.trustchain.witness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The witness over HTTP (JDK HttpServer, keep-alive): {@code POST /add-checkpoint} (submission
 * prefix), {@code GET /<origin hash>/checkpoint} and {@code GET /<origin hash>/evidence}
 * (monitoring prefix), and {@code GET /} naming the witness and its logs. Both prefixes are the root.
 */
public final class WitnessHttpServer implements AutoCloseable {
    private static final Pattern READ = Pattern.compile("/([0-9a-f]{64})/(checkpoint|evidence)");

    private final Witness witness;
    private final HttpServer server;
    private final ExecutorService executor;

    public WitnessHttpServer(Witness witness, InetSocketAddress address) throws IOException {
        this.witness = witness;
        this.server = HttpServer.create(address, 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "witness-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            WitnessResponse response;
            if (path.equals("/add-checkpoint")) {
                if (!method.equals("POST")) {
                    ex.getResponseHeaders().add("Allow", "POST");
                    response = WitnessResponse.text(405, "add-checkpoint is a POST");
                } else {
                    byte[] body = readLimited(ex.getRequestBody());
                    response = body == null
                            ? WitnessResponse.text(400, "request body larger than " + AddCheckpointRequest.MAX_BYTES + " bytes")
                            : witness.addCheckpoint(body);
                }
            } else if (READ.matcher(path).matches() || path.equals("/")) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    ex.getResponseHeaders().add("Allow", "GET, HEAD");
                    response = WitnessResponse.text(405, "read endpoints are GET");
                } else if (path.equals("/")) {
                    response = new WitnessResponse(200, WitnessResponse.JSON, describe());
                } else {
                    Matcher m = READ.matcher(path);
                    m.matches();
                    response = m.group(2).equals("checkpoint") ? witness.checkpoint(m.group(1)) : witness.evidence(m.group(1));
                }
            } else {
                response = WitnessResponse.text(404, "no such endpoint: " + CheckpointBody.abbreviate(path));
            }
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", response.contentType());
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                ex.sendResponseHeaders(response.status(), -1);
            } else {
                ex.sendResponseHeaders(response.status(), out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private String describe() {
        StringBuilder b = new StringBuilder("{\"name\":").append(Json.string(witness.cosigner().name()))
                .append(",\"verifierKey\":").append(Json.string(witness.cosigner().verifierKey()))
                .append(witness.lying() ? ",\"lying\":true" : "").append(",\"logs\":[");
        String sep = "";
        for (LogKey k : witness.logs()) {
            b.append(sep).append("{\"origin\":").append(Json.string(k.origin()))
                    .append(",\"originHash\":").append(Json.string(WitnessStore.originHash(k.origin())))
                    .append(",\"size\":").append(witness.heldSize(k.origin())).append('}');
            sep = ",";
        }
        return b.append("]}\n").toString();
    }

    /** The body, or null if it exceeds the request limit (read no further than that). */
    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(AddCheckpointRequest.MAX_BYTES + 1);
        return body.length > AddCheckpointRequest.MAX_BYTES ? null : body;
    }
}
