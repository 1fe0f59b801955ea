package online.hypermesh.trustchain.web.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class AddChainRequestParserTest {

    private static List<byte[]> parse(String json) {
        return AddChainRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String rejection(String json) {
        TrustChainException e = assertThrows(TrustChainException.class, () -> parse(json));
        assertEquals(ErrorKind.MALFORMED_REQUEST, e.kind());
        return e.detail();
    }

    @Test
    void parse_decodesEachBase64Certificate() {
        List<byte[]> chain = parse("{\"chain\": [\"AQID\", \"BA==\"]}");
        assertEquals(2, chain.size());
        assertArrayEquals(new byte[] {1, 2, 3}, chain.get(0));
        assertArrayEquals(new byte[] {4}, chain.get(1));
    }

    @Test
    void parse_rejectsBadInputWithAClearMessage() {
        assertTrue(rejection("{\"chain\": [\"AQID\", \"!!\"]}").contains("chain[1] is not valid base64"));
        assertTrue(rejection("{\"chain\": []}").contains("empty"));
        assertTrue(rejection("{\"chain\": \"AQID\"}").contains("array"));
        assertTrue(rejection("{}").contains("'chain' is required"));
        assertTrue(rejection("{\"chain\": [1]}").contains("chain[0] must be a base64 string"));
        assertTrue(rejection("[\"AQID\"]").contains("JSON object"));
        assertTrue(rejection("{\"chain\": [").contains("not valid JSON"));
    }
}
