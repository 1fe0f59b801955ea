package online.hypermesh.trustchain.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class IssuanceRequestFactoryTest {
    private static final URI BASE = URI.create("https://[::1]:8443");
    private static final byte[] DER = {0x30, 0x03, 0x02, 0x01, 0x05};

    @Test
    void jsonFormSendsPemCsrProfileAndValidity() {
        IssuanceRequestFactory factory = new IssuanceRequestFactory(BASE, "tok", RequestForm.JSON, "server", 24,
                Duration.ofSeconds(5));
        HttpRequest request = factory.create(DER);
        assertEquals(URI.create("https://[::1]:8443/api/v1/ca/certificates"), request.uri());
        assertEquals("POST", request.method());
        assertEquals("Bearer tok", request.headers().firstValue("Authorization").orElseThrow());
        assertEquals("application/json", request.headers().firstValue("Content-Type").orElseThrow());
        String body = new String(factory.body(DER), StandardCharsets.UTF_8);
        assertEquals("{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\nMAMCAQU=\\n-----END CERTIFICATE REQUEST-----\\n\","
                + "\"profile\":\"server\",\"validity_hours\":24}", body);
        assertEquals(body.length(), request.bodyPublisher().orElseThrow().contentLength());
    }

    @Test
    void pkcs10FormSendsDerWithProfileInQuery() {
        IssuanceRequestFactory factory = new IssuanceRequestFactory(BASE, "tok", RequestForm.PKCS10, "tls server", 24,
                Duration.ofSeconds(5));
        HttpRequest request = factory.create(DER);
        assertEquals(URI.create("https://[::1]:8443/api/v1/ca/certificates?profile=tls+server"), request.uri());
        assertEquals("application/pkcs10", request.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(request.headers().firstValue("Accept").orElseThrow().startsWith("application/pem-certificate-chain"));
        assertArrayEquals(DER, factory.body(DER));
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.quote("a\"b\\c\n\u0001"));
    }
}
