package online.hypermesh.trustchain.ct.sct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.entry.CtExtensions;
import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.tls.TlsDecodingException;

class SctEncodingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] LOG_ID = new byte[32];
    private static final byte[] CERT = HEX.parseHex("3003020101");

    static {
        LOG_ID[31] = 1;
    }

    @Test
    void digitallySigned_isSha256EcdsaAndAU16Vector() {
        assertEquals("0403" + "0002" + "abcd", HEX.formatHex(new DigitallySigned(HEX.parseHex("abcd")).encode()));
        assertArrayEquals(HEX.parseHex("abcd"), DigitallySigned.decode(HEX.parseHex("04030002abcd")).signature());
        assertThrows(TlsDecodingException.class, () -> DigitallySigned.decode(HEX.parseHex("04010002abcd")));
    }

    @Test
    void sct_hasTheRfc6962Layout() {
        SignedCertificateTimestamp sct = new SignedCertificateTimestamp(LOG_ID, 0x10, CtExtensions.leafIndex(2),
                new DigitallySigned(HEX.parseHex("abcd")));
        String expected = "00" + HEX.formatHex(LOG_ID) + "0000000000000010" + "0008" + "0000050000000002" + "0403" + "0002" + "abcd";
        assertEquals(expected, HEX.formatHex(sct.encode()));
        SignedCertificateTimestamp back = SignedCertificateTimestamp.decode(sct.encode());
        assertArrayEquals(LOG_ID, back.logId());
        assertEquals(0x10, back.timestamp());
        assertArrayEquals(sct.extensions(), back.extensions());
    }

    @Test
    void sctSignatureInput_isVersionTypeTimestampEntryAndExtensions() {
        byte[] input = SignatureInputs.certificateTimestamp(0x20, SignedEntry.x509(CERT), CtExtensions.leafIndex(1));
        assertEquals("00" + "00" + "0000000000000020" + "0000" + "000005" + "3003020101" + "0008" + "0000050000000001",
                HEX.formatHex(input));
    }

    @Test
    void treeHeadSignatureInput_isVersionTypeTimestampSizeAndRoot() {
        byte[] root = new byte[32];
        root[0] = (byte) 0xee;
        assertEquals("00" + "01" + "0000000000000030" + "0000000000000003" + HEX.formatHex(root),
                HEX.formatHex(SignatureInputs.treeHead(0x30, 3, root)));
    }

    @Test
    void sctList_nestsSerializedSctsInAU16Vector() {
        SignedCertificateTimestamp sct = new SignedCertificateTimestamp(LOG_ID, 1, new byte[0], new DigitallySigned(HEX.parseHex("ab")));
        byte[] one = sct.encode();
        byte[] list = SctList.encode(List.of(sct, sct));
        String serialized = String.format("%04x", one.length) + HEX.formatHex(one);
        assertEquals(String.format("%04x", 2 * (one.length + 2)) + serialized + serialized, HEX.formatHex(list));
        assertEquals(2, SctList.decode(list).size());
        assertThrows(IllegalArgumentException.class, () -> SctList.encode(List.of()));
        assertThrows(TlsDecodingException.class, () -> SctList.decode(HEX.parseHex("0000")));
    }
}
