package online.hypermesh.trustchain.sinks.syslog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class Rfc5424Test {

    @Test
    void aMessageHasTheHeaderFieldsInOrderAndTheStructuredData() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("seq", "7");
        p.put("actor", "admin");
        byte[] m = Rfc5424.message(13, 5, Instant.parse("2026-12-03T06:07:08.123456789Z"), "ca-0", "trustchain", null,
                "certificate.issued", List.of(new Rfc5424.Element("trustchain@32473", p)), "CEF:0|x");
        assertEquals("<109>1 2026-12-03T06:07:08.123456Z ca-0 trustchain - certificate.issued [trustchain@32473 seq=\"7\" actor=\"admin\"] CEF:0|x",
                new String(m, StandardCharsets.UTF_8));
    }

    @Test
    void noStructuredDataIsTheNilValue() {
        byte[] m = Rfc5424.message(13, 6, Instant.parse("2026-12-03T00:00:00Z"), "h", "trustchain", "42", "x", List.of(), null);
        assertEquals("<110>1 2026-12-03T00:00:00.000000Z h trustchain 42 x -", new String(m, StandardCharsets.UTF_8));
    }

    @Test
    void paramValuesEscapeQuoteBackslashAndClosingBracket() {
        // RFC 5424 6.3.3: exactly these three, with a backslash; everything else (UTF-8 too) as is.
        assertEquals("a\\\"b\\\\c\\]d[e=f ü", Rfc5424.paramValue("a\"b\\c]d[e=f ü"));
    }

    @Test
    void sdNamesAndHeaderFieldsKeepToPrintableAscii() {
        assertEquals("a_b_c_d_", Rfc5424.sdName("a=b c]d\""));
        assertEquals(32, Rfc5424.sdName("x".repeat(40)).length());
        assertEquals("host_name_", Rfc5424.headerField("host name\u00e9", 255));
        assertEquals("-", Rfc5424.headerField("", 48));
        assertEquals(32, Rfc5424.headerField("m".repeat(50), 32).length());
    }

    @Test
    void priorityIsFacilityTimesEightPlusSeverity() {
        assertEquals("<0>1", new String(Rfc5424.message(0, 0, Instant.EPOCH, "h", "a", null, "m", List.of(), null), StandardCharsets.US_ASCII)
                .substring(0, 4));
        assertEquals("<191>1", new String(Rfc5424.message(23, 7, Instant.EPOCH, "h", "a", null, "m", List.of(), null),
                StandardCharsets.US_ASCII).substring(0, 6));
        assertThrows(IllegalArgumentException.class, () -> Rfc5424.message(24, 0, Instant.EPOCH, "h", "a", null, "m", List.of(), null));
    }

    @Test
    void octetCountingPrefixesTheLengthInOctetsAndReadsItBack() throws IOException {
        byte[] msg = "<13>1 - - - - - ü".getBytes(StandardCharsets.UTF_8); // ü is two octets
        byte[] frame = OctetCounting.frame(msg);
        assertEquals(msg.length + " ", new String(frame, 0, frame.length - msg.length, StandardCharsets.US_ASCII));
        byte[] two = OctetCounting.concat(List.of(frame, OctetCounting.frame("x".getBytes(StandardCharsets.US_ASCII))));
        List<byte[]> read = OctetCounting.readAll(two, 8192);
        assertEquals(2, read.size());
        assertArrayEquals(msg, read.get(0));
        assertArrayEquals("x".getBytes(StandardCharsets.US_ASCII), read.get(1));
    }

    @Test
    void malformedFramesAreRefused() {
        assertThrows(IOException.class, () -> OctetCounting.read(new ByteArrayInputStream("05 hello".getBytes(StandardCharsets.US_ASCII)), 100));
        assertThrows(IOException.class, () -> OctetCounting.read(new ByteArrayInputStream("x5 hello".getBytes(StandardCharsets.US_ASCII)), 100));
        assertThrows(IOException.class, () -> OctetCounting.read(new ByteArrayInputStream(" hello".getBytes(StandardCharsets.US_ASCII)), 100));
        assertThrows(IOException.class, () -> OctetCounting.read(new ByteArrayInputStream("500 hello".getBytes(StandardCharsets.US_ASCII)), 100));
        assertThrows(EOFException.class, () -> OctetCounting.read(new ByteArrayInputStream("9 hello".getBytes(StandardCharsets.US_ASCII)), 100));
        assertThrows(IllegalArgumentException.class, () -> OctetCounting.frame(new byte[0]));
    }
}
