package online.hypermesh.trustchain.bridge.perspective;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.ChallengeValidation;

/**
 * A remote network perspective: an HTTP endpoint ({@code POST /validate}) that validates ACME
 * challenges from where it runs, through its own resolver, for the one CA that shares its secret.
 * It holds no state and no key that can sign anything but its verdicts; a request without a valid
 * MAC, or older than {@link PerspectiveRequest#MAX_AGE_SECONDS}, is 401/400 and validates nothing.
 * Plain HTTP is enough: both directions are MACed and what travels (a token, a key authorization)
 * is public once the client serves it anyway.
 */
public final class PerspectiveAgent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PerspectiveAgent.class.getName());
    static final int MAX_BODY = 16 * 1024;

    private final String name;
    private final byte[] secret;
    private final ChallengeValidation validation;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);

    public PerspectiveAgent(String name, InetSocketAddress listen, byte[] secret, ChallengeValidation validation, Clock clock) throws IOException {
        this.name = Objects.requireNonNull(name, "name");
        if (secret.length < PerspectiveMac.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the perspective secret must have at least " + PerspectiveMac.MIN_SECRET_BYTES + " bytes");
        }
        this.secret = secret.clone();
        this.validation = Objects.requireNonNull(validation, "validation");
        this.clock = Objects.requireNonNull(clock, "clock");
        server = HttpServer.create(listen, 64);
        server.createContext("/validate", this::validate);
        server.createContext("/health", ex -> reply(ex, 200, "text/plain", "ok\n".getBytes(StandardCharsets.US_ASCII), false));
        server.setExecutor(workers);
    }

    public void start() {
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void validate(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                reply(ex, 405, "text/plain", "POST a perspective request\n".getBytes(StandardCharsets.US_ASCII), false);
                return;
            }
            byte[] body = readBounded(ex.getRequestBody());
            if (body == null) {
                reply(ex, 413, "text/plain", "request too large\n".getBytes(StandardCharsets.US_ASCII), false);
                return;
            }
            if (!PerspectiveMac.verify(secret, body, ex.getRequestHeaders().getFirst(PerspectiveMac.HEADER))) {
                reply(ex, 401, "text/plain", "bad or missing MAC\n".getBytes(StandardCharsets.US_ASCII), false);
                return;
            }
            PerspectiveRequest request;
            try {
                request = PerspectiveRequest.parse(body);
            } catch (IllegalArgumentException e) {
                reply(ex, 400, "text/plain", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            if (!request.isFresh(clock.instant())) {
                reply(ex, 400, "text/plain", "request too old (or this clock is off)\n".getBytes(StandardCharsets.US_ASCII), false);
                return;
            }
            reply(ex, 200, "application/json", verdict(request).toJson(), true);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "perspective " + name + ": a request failed", e);
        }
    }

    private PerspectiveReply verdict(PerspectiveRequest r) {
        try {
            String from = validation.validate(r.type(), r.name(), r.token(), r.keyAuthorization());
            LOG.info(() -> "perspective " + name + ": " + r.type() + " for " + r.name() + " valid, from " + from);
            return PerspectiveReply.valid(name, r.nonce(), from);
        } catch (AcmeProblem p) {
            LOG.info(() -> "perspective " + name + ": " + r.type() + " for " + r.name() + " invalid: " + p.getMessage());
            return PerspectiveReply.invalid(name, r.nonce(), p.type().urn(), p.getMessage());
        } catch (RuntimeException e) {
            return PerspectiveReply.invalid(name, r.nonce(), AcmeProblem.Type.CONNECTION.urn(), String.valueOf(e));
        }
    }

    private void reply(HttpExchange ex, int status, String type, byte[] body, boolean signed) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (signed) {
            ex.getResponseHeaders().set(PerspectiveMac.HEADER, PerspectiveMac.sign(secret, body));
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Null when longer than {@link #MAX_BODY}. */
    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
