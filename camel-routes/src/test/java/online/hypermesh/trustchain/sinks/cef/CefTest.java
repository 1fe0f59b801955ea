package online.hypermesh.trustchain.sinks.cef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.sinks.outbox.OutboxEvent;

class CefTest {

    @Test
    void headerFieldsEscapePipeAndBackslashAndLoseLineBreaks() {
        assertEquals("a\\|b\\\\c d e=f", Cef.header("a|b\\c\nd\re=f"));
    }

    @Test
    void extensionValuesEscapeEqualsBackslashAndLineBreaksButNotPipes() {
        assertEquals("a\\=b\\\\c\\nd\\re|f", Cef.value("a=b\\c\nd\re|f"));
    }

    @Test
    void extensionKeysAreLettersDigitsAndDotsInCamelCase() {
        assertEquals("notAfter", Cef.key("not_after"));
        assertEquals("ad.validityHours", Cef.key("ad.validity-hours"));
        assertThrows(IllegalArgumentException.class, () -> Cef.key("***"));
    }

    @Test
    void aLineHasTheSevenHeaderFieldsAndTheExtension() {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("suser", "ad|min");
        ext.put("msg", "x=y");
        ext.put("skipped", null);
        assertEquals("CEF:0|Hypermesh|TrustChain|1.2|100|Certificate issued|3|suser=ad|min msg=x\\=y",
                Cef.line("Hypermesh", "TrustChain", "1.2", "100", "Certificate issued", 3, ext));
        assertThrows(IllegalArgumentException.class, () -> Cef.line("v", "p", "1", "1", "n", 11, Map.of()));
    }

    @Test
    void anEventMapsToItsTypeWithTheIdempotencyKeyAndDetails() {
        byte[] hash = new byte[32];
        hash[31] = 1;
        OutboxEvent e = new OutboxEvent(42, hash, 77, Instant.parse("2026-12-03T06:00:00.5Z"), "ca-0", "admin", "certificate.issued",
                "certificate", "0a1b", Map.of("profile", "server", "not_after", "2027-01-01T00:00:00Z"));
        String line = new CefMapping("0.1.0").line(e);
        assertEquals("CEF:0|Hypermesh|TrustChain|0.1.0|100|Certificate issued|3|rt=" + Instant.parse("2026-12-03T06:00:00.5Z").toEpochMilli()
                + " dvchost=ca-0 suser=admin act=certificate.issued externalId=42 cs1Label=idempotencyKey cs1=" + "00".repeat(31) + "01"
                + " cs2Label=objectType cs2=certificate cs3Label=objectId cs3=0a1b cn1Label=eventId cn1=77"
                + " ad.notAfter=2027-01-01T00:00:00Z ad.profile=server", line);
    }

    @Test
    void anUnknownActionKeepsItsNameAndAMiddleSeverity() {
        CefMapping.Type t = CefMapping.typeOf("something.new");
        assertEquals("something.new", t.signatureId());
        assertEquals(5, t.severity());
        assertTrue(CefMapping.typeOf("authority.revoked").severity() == 10);
    }
}
