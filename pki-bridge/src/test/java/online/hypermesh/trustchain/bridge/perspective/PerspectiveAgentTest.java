package online.hypermesh.trustchain.bridge.perspective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import online.hypermesh.trustchain.bridge.acme.ChallengeValidation;
import online.hypermesh.trustchain.bridge.acme.NameResolver;
import online.hypermesh.trustchain.bridge.perspective.PerspectiveClient.PerspectiveUnavailable;
import online.hypermesh.trustchain.bridge.perspective.PerspectiveClient.Remote;

/**
 * A remote perspective and the CA's client over loopback: the agent validates http-01 against a
 * real HTTP server on 127.0.0.1 (the name is an IP literal, so no resolver is asked), and only for
 * a caller with the shared secret; the client accepts only a MACed reply to its own request.
 */
class PerspectiveAgentTest {
    private static final byte[] SECRET = "a secret of more than sixteen bytes".getBytes(StandardCharsets.UTF_8);
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private static final String KEY_AUTHORIZATION = TOKEN + ".nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ";

    private HttpServer challengeServer;
    private PerspectiveAgent agent;
    private Remote remote;

    @BeforeEach
    void start() throws Exception {
        challengeServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        challengeServer.createContext("/.well-known/acme-challenge/" + TOKEN, ex -> {
            byte[] body = KEY_AUTHORIZATION.getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        challengeServer.start();
        Duration timeout = Duration.ofSeconds(2);
        ChallengeValidation validation = new ChallengeValidation(new NameResolver(List.of(), timeout), challengeServer.getAddress().getPort(), 1, timeout);
        agent = new PerspectiveAgent("p1", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SECRET, validation, Clock.systemUTC());
        agent.start();
        remote = new Remote("p1", URI.create("http://127.0.0.1:" + agent.address().getPort()));
    }

    @AfterEach
    void stop() {
        agent.close();
        challengeServer.stop(0);
    }

    private static PerspectiveRequest request(String token, String keyAuthorization, Instant at) {
        return new PerspectiveRequest("http-01", "127.0.0.1", token, keyAuthorization, "nonce-" + System.nanoTime(), at);
    }

    @Test
    void theAgentValidates_andTheClientTakesItsMacedVerdict() {
        PerspectiveRequest r = request(TOKEN, KEY_AUTHORIZATION, Instant.now());
        PerspectiveReply reply = new PerspectiveClient(SECRET, Duration.ofSeconds(2)).validate(remote, r);
        assertTrue(reply.valid(), String.valueOf(reply));
        assertEquals("p1", reply.perspective());
        assertEquals(r.nonce(), reply.nonce());
        assertEquals("127.0.0.1", reply.validatedFrom());

        PerspectiveReply wrong = new PerspectiveClient(SECRET, Duration.ofSeconds(2)).validate(remote, request(TOKEN, TOKEN + ".another-key", Instant.now()));
        assertFalse(wrong.valid());
        assertEquals("urn:ietf:params:acme:error:incorrectResponse", wrong.problemType(), String.valueOf(wrong));
    }

    @Test
    void withoutTheSecret_orTooLate_theAgentValidatesNothing() throws Exception {
        byte[] other = "another secret, also long enough".getBytes(StandardCharsets.UTF_8);
        PerspectiveUnavailable bad = assertThrows(PerspectiveUnavailable.class,
                () -> new PerspectiveClient(other, Duration.ofSeconds(2)).validate(remote, request(TOKEN, KEY_AUTHORIZATION, Instant.now())));
        assertTrue(bad.getMessage().contains("HTTP 401"), bad.getMessage());
        PerspectiveUnavailable old = assertThrows(PerspectiveUnavailable.class, () -> new PerspectiveClient(SECRET, Duration.ofSeconds(2))
                .validate(remote, request(TOKEN, KEY_AUTHORIZATION, Instant.now().minusSeconds(PerspectiveRequest.MAX_AGE_SECONDS + 60))));
        assertTrue(old.getMessage().contains("HTTP 400") && old.getMessage().contains("too old"), old.getMessage());

        // A reply is believed only with the CA's secret: the agent's MAC over exactly these bytes.
        byte[] body = request(TOKEN, KEY_AUTHORIZATION, Instant.now()).toJson();
        HttpResponse<byte[]> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(remote.uri() + "/validate"))
                .header(PerspectiveMac.HEADER, PerspectiveMac.sign(SECRET, body)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String mac = raw.headers().firstValue(PerspectiveMac.HEADER).orElseThrow();
        assertTrue(PerspectiveMac.verify(SECRET, raw.body(), mac));
        assertFalse(PerspectiveMac.verify(other, raw.body(), mac));
        byte[] tampered = new String(raw.body(), StandardCharsets.UTF_8).replace("\"valid\":true", "\"valid\":false").getBytes(StandardCharsets.UTF_8);
        assertFalse(PerspectiveMac.verify(SECRET, tampered, mac));
    }

    @Test
    void corroboration_followsTheBaselineRequirementsTable() {
        assertEquals(0, Corroboration.allowedFailures(1));
        assertEquals(1, Corroboration.allowedFailures(2));
        assertEquals(1, Corroboration.allowedFailures(5));
        assertEquals(2, Corroboration.allowedFailures(6));
        assertTrue(Corroboration.corroborated(true, 3, 1));
        assertFalse(Corroboration.corroborated(true, 3, 2));
        assertFalse(Corroboration.corroborated(false, 3, 0), "the primary perspective must validate");
        assertTrue(Corroboration.corroborated(true, 0, 0), "no remote perspectives: the primary alone");
    }
}
