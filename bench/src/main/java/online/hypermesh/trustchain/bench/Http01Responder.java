package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/** The http-01 side of every worker (RFC 8555 8.3): {@code /.well-known/acme-challenge/<token>} answers its key authorization. */
final class Http01Responder implements AutoCloseable {
    private static final String PREFIX = "/.well-known/acme-challenge/";
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final HttpServer server;

    Http01Responder(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::"), port), 256);
        server.createContext(PREFIX, ex -> {
            try (ex) {
                String answer = answers.get(ex.getRequestURI().getPath().substring(PREFIX.length()));
                byte[] body = (answer == null ? "no such token" : answer).getBytes(StandardCharsets.US_ASCII);
                ex.sendResponseHeaders(answer == null ? 404 : 200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-01-responder");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    void put(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    void remove(String token) {
        answers.remove(token);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
