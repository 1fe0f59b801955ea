package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** http-01 against a real HTTP server on loopback (the JDK's), resolved by the platform resolver. */
class Http01ValidatorTest {
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private static final String KEY_AUTHORIZATION = TOKEN + ".NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private static HttpServer serve(String path, int status, String body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static Http01Validator validator(int port) {
        return new Http01Validator(new NameResolver(List.of(), Duration.ofSeconds(2)), port, Duration.ofSeconds(2));
    }

    @Test
    void theKeyAuthorization_withTrailingWhitespace_validates() throws Exception {
        HttpServer server = serve("/.well-known/acme-challenge/" + TOKEN, 200, KEY_AUTHORIZATION + "\n");
        try {
            InetAddress from = validator(server.getAddress().getPort()).validate("localhost", TOKEN, KEY_AUTHORIZATION);
            assertTrue(from.isLoopbackAddress(), from.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anotherBody_orStatus_isAnIncorrectResponse() throws Exception {
        HttpServer wrong = serve("/.well-known/acme-challenge/" + TOKEN, 200, TOKEN + ".someone-elses-thumbprint");
        HttpServer missing = serve("/other", 200, "");
        try {
            AcmeProblem p = assertThrows(AcmeProblem.class, () -> validator(wrong.getAddress().getPort()).validate("localhost", TOKEN, KEY_AUTHORIZATION));
            assertEquals(AcmeProblem.Type.INCORRECT_RESPONSE, p.type());
            assertTrue(p.detail().contains("not the key authorization"), p.detail());
            AcmeProblem notFound = assertThrows(AcmeProblem.class, () -> validator(missing.getAddress().getPort()).validate("localhost", TOKEN, KEY_AUTHORIZATION));
            assertEquals(AcmeProblem.Type.INCORRECT_RESPONSE, notFound.type());
            assertTrue(notFound.detail().contains("404"), notFound.detail());
        } finally {
            wrong.stop(0);
            missing.stop(0);
        }
    }

    @Test
    void nothingListening_isAConnectionProblem() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int closed = port;
        AcmeProblem p = assertThrows(AcmeProblem.class, () -> validator(closed).validate("localhost", TOKEN, KEY_AUTHORIZATION));
        assertEquals(AcmeProblem.Type.CONNECTION, p.type());
        assertEquals("urn:ietf:params:acme:error:connection", p.type().urn());
    }
}
