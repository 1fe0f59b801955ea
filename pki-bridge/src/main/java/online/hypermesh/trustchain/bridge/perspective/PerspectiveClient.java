package online.hypermesh.trustchain.bridge.perspective;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * The CA's side of a remote perspective: sends a MACed request and accepts only a reply MACed with
 * the same secret that echoes the request's nonce. Anything else (no answer, a bad MAC, another
 * nonce) is reported as that perspective not corroborating, with the reason.
 */
public final class PerspectiveClient {
    private final HttpClient http;
    private final byte[] secret;
    private final Duration timeout;

    public PerspectiveClient(byte[] secret, Duration timeout) {
        this.secret = secret.clone();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // No redirects: a perspective answers itself or not at all.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A remote perspective by the name the CA records its results under. */
    public record Remote(String name, URI uri) {
        public Remote {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** @throws PerspectiveUnavailable when there is no trustworthy verdict */
    public PerspectiveReply validate(Remote remote, PerspectiveRequest request) {
        byte[] body = request.toJson();
        HttpRequest post = HttpRequest.newBuilder(remote.uri().resolve("/validate")).timeout(timeout.multipliedBy(3))
                .header("Content-Type", "application/json").header(PerspectiveMac.HEADER, PerspectiveMac.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PerspectiveUnavailable(remote.name() + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PerspectiveUnavailable(remote.name() + ": interrupted");
        }
        if (response.statusCode() != 200) {
            throw new PerspectiveUnavailable(remote.name() + " answered HTTP " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).trim());
        }
        if (!PerspectiveMac.verify(secret, response.body(), response.headers().firstValue(PerspectiveMac.HEADER).orElse(null))) {
            throw new PerspectiveUnavailable(remote.name() + "'s reply has no valid MAC");
        }
        PerspectiveReply reply;
        try {
            reply = PerspectiveReply.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new PerspectiveUnavailable(remote.name() + ": " + e.getMessage());
        }
        if (!reply.nonce().equals(request.nonce())) {
            throw new PerspectiveUnavailable(remote.name() + "'s reply is for another request");
        }
        return reply;
    }

    /** No verdict from a perspective; counts as a failure for the quorum. */
    public static final class PerspectiveUnavailable extends RuntimeException {
        public PerspectiveUnavailable(String reason) {
            super(reason);
        }
    }
}
