package online.hypermesh.trustchain.ct.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class TlsCodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void integers_areBigEndianOfFixedWidth() {
        byte[] out = new TlsWriter().u8(0x01).u16(0x0203).u24(0x040506).u40(0x0708090a0bL).u64(0x0c0d0e0f10111213L).toByteArray();
        assertArrayEquals(hex("01" + "0203" + "040506" + "0708090a0b" + "0c0d0e0f10111213"), out);
        TlsReader r = new TlsReader(out);
        assertEquals(0x01, r.u8());
        assertEquals(0x0203, r.u16());
        assertEquals(0x040506, r.u24());
        assertEquals(0x0708090a0bL, r.u40());
        assertEquals(0x0c0d0e0f10111213L, r.u64());
        r.finish();
    }

    @Test
    void vector_prefixWidthFollowsTheCeiling() {
        assertArrayEquals(hex("02aabb"), new TlsWriter().vector(hex("aabb"), 0, 255).toByteArray());
        assertArrayEquals(hex("0002aabb"), new TlsWriter().vector(hex("aabb"), 0, 65535).toByteArray());
        assertArrayEquals(hex("000002aabb"), new TlsWriter().vector(hex("aabb"), 1, (1 << 24) - 1).toByteArray());
    }

    @Test
    void writer_refusesValuesOutsideTheirBounds() {
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter().u8(256));
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter().u16(-1));
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter().u40(1L << 40));
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter().vector(new byte[0], 1, 255));
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter().vector(new byte[256], 0, 255));
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter().fixed(new byte[31], 32));
    }

    @Test
    void reader_rejectsTruncatedInput() {
        assertThrows(TlsDecodingException.class, () -> new TlsReader(hex("01")).u16());
        assertThrows(TlsDecodingException.class, () -> new TlsReader(hex("0003aabb")).vector(0, 65535));
        assertThrows(TlsDecodingException.class, () -> new TlsReader(hex("aabb")).fixed(3));
    }

    @Test
    void reader_rejectsLengthsOutsideTheDeclaredBounds() {
        assertThrows(TlsDecodingException.class, () -> new TlsReader(hex("00")).vector(1, 255));
        assertThrows(TlsDecodingException.class, () -> new TlsReader(hex("03aabbcc")).vector(0, 2));
        assertThrows(TlsDecodingException.class, () -> new TlsReader(hex("03aabbcc")).subVector(0, 2));
    }

    @Test
    void finish_rejectsTrailingBytes() {
        TlsReader r = new TlsReader(hex("0102"));
        r.u8();
        assertThrows(TlsDecodingException.class, r::finish);
    }

    @Test
    void subVector_confinesReadsToTheVector() {
        TlsReader r = new TlsReader(hex("0201020304"));
        TlsReader inner = r.subVector(0, 255);
        assertEquals(0x0102, inner.u16());
        assertFalse(inner.hasRemaining());
        assertThrows(TlsDecodingException.class, inner::u8);
        assertEquals(0x0304, r.u16());
        r.finish();
    }

    @Test
    void u64_rejectsValuesBeyondASignedLong() {
        assertThrows(TlsDecodingException.class, () -> new TlsReader(hex("8000000000000000")).u64());
    }
}
