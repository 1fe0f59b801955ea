package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A stand-in for the TrustChain issuance endpoint (HTTPS, TLS 1.3, HTTP/1.1 keep-alive): checks the bearer token
 * and answers 201 with a small fixed JSON body, or 401 problem+json. It counts TLS connections so tests can check
 * keep-alive. {@link #main} runs it on its own for measuring the client's maximum rate.
 */
final class StandInIssuanceServer implements AutoCloseable {
    static final String TOKEN = "stand-in-token";
    private static final byte[] ISSUED = ("{\"serial_number\":\"0a1b2c3d\",\"certificate\":\"-----BEGIN CERTIFICATE-----"
            + "\\nstand-in\\n-----END CERTIFICATE-----\\n\",\"chain\":[],\"profile\":\"server\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNAUTHORIZED = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"bad bearer token\"}").getBytes(StandardCharsets.UTF_8);

    private final StandInPki pki;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final AtomicInteger connections = new AtomicInteger();

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    StandInIssuanceServer(InetAddress address, int port, int threads) throws Exception {
        pki = new StandInPki();
        server = HttpsServer.create(new InetSocketAddress(address, port), 256);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()) {
            @Override
            public void configure(HttpsParameters params) {
                connections.incrementAndGet();
                SSLParameters tls = getSSLContext().getDefaultSSLParameters();
                tls.setProtocols(new String[] {"TLSv1.3"});
                params.setSSLParameters(tls);
            }
        });
        server.createContext(IssuanceRequestFactory.PATH, this::handle);
        executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] answer = authorized ? ISSUED : UNAUTHORIZED;
        exchange.getResponseHeaders().set("Content-Type", authorized ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(authorized ? 201 : 401, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    URI baseUrl() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host.replaceFirst("%.*$", "") + "]";
        }
        return URI.create("https://" + host + ":" + address.getPort());
    }

    StandInPki pki() {
        return pki;
    }

    /** TLS connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Writes root.pem and admin-token like the real server's data directory. */
    void writeDataDir(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("root.pem"), pki.rootPem());
        Files.writeString(dir.resolve("admin-token"), TOKEN + "\n");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Usage: StandInIssuanceServer DATA_DIR [PORT [THREADS]] - serves on [::1] until killed. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8443;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        StandInIssuanceServer server = new StandInIssuanceServer(InetAddress.getByName("::1"), port, threads);
        server.writeDataDir(Path.of(args[0]));
        System.out.println("stand-in issuance server on " + server.baseUrl() + ", data dir " + args[0]);
        Thread.currentThread().join();
    }
}
