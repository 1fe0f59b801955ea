package online.hypermesh.trustchain.ca.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** An approval's stored request comes back as it was stored: numbers as whole numbers, nested lists and maps intact. */
class JsonDocumentsTest {
    @Test
    void roundTrip_keepsStringsNumbersBooleansListsAndMaps() {
        Map<String, Object> request = Map.of("csr", "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
                "validity_hours", 48, "change", Map.of("scopes", List.of(Map.of("type", "dns", "value", "a.example", "wildcard", false)),
                        "clear_max_validity", true));
        Map<String, Object> back = JsonDocuments.read(JsonDocuments.write(request));
        assertEquals(request.get("csr"), back.get("csr"));
        assertEquals(48L, back.get("validity_hours"));
        assertEquals(Map.of("scopes", List.of(Map.of("type", "dns", "value", "a.example", "wildcard", false)), "clear_max_validity", true),
                back.get("change"));
    }

    @Test
    void null_staysNull() {
        assertNull(JsonDocuments.write(null));
        assertNull(JsonDocuments.read(null));
    }
}
