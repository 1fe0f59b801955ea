package online.hypermesh.trustchain.bench.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FlatJsonTest {

    @Test
    void parse_readsAnAddChainAnswerWithNumbersStringsAndEscapes() {
        Map<String, String> m = FlatJson.parse(" {\"sct_version\":0, \"id\":\"a+b/c=\",\"timestamp\":1763798400123,"
                + "\"extensions\":\"\",\"signature\":\"BAMARz\\/A\\u0041\",\"added_at\":null,\"ok\":true}\n");
        assertEquals("0", m.get("sct_version"));
        assertEquals("a+b/c=", m.get("id"));
        assertEquals("1763798400123", m.get("timestamp"));
        assertEquals("", m.get("extensions"));
        assertEquals("BAMARz/AA", m.get("signature"));
        assertTrue(m.containsKey("added_at"));
        assertNull(m.get("added_at"));
        assertEquals("true", m.get("ok"));
    }

    @Test
    void parse_refusesWhatIsNotOneFlatObject() {
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":{\"b\":1}}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":[1]}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":1} x"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":01}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":\"unterminated}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("<html>503</html>"));
        assertEquals(Map.of(), FlatJson.parse("{}"));
    }
}
