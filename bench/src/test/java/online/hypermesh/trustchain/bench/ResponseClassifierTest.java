package online.hypermesh.trustchain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ResponseClassifierTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonSuccessNeedsCreatedAndSerialNumber() {
        ResponseClassifier json = new ResponseClassifier(RequestForm.JSON);
        assertNull(json.failureKey(201, bytes("{\"serial_number\":\"0a\",\"certificate\":\"...\"}")));
        assertEquals(ResponseClassifier.MALFORMED, json.failureKey(201, bytes("{\"certificate\":\"...\"}")));
        assertEquals("200", json.failureKey(200, bytes("{\"serial_number\":\"0a\"}")));
        assertEquals("401", json.failureKey(401, bytes("{\"title\":\"Unauthorized\"}")));
        assertEquals(ResponseClassifier.MALFORMED, json.failureKey(201, new byte[0]));
    }

    @Test
    void pemSuccessNeedsACertificate() {
        ResponseClassifier pem = new ResponseClassifier(RequestForm.PKCS10);
        assertNull(pem.failureKey(201, bytes("-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n")));
        assertEquals(ResponseClassifier.MALFORMED, pem.failureKey(201, bytes("{\"serial_number\":\"0a\"}")));
    }
}
