package online.hypermesh.trustchain.ct.entry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.tls.TlsDecodingException;
import online.hypermesh.trustchain.ct.tls.TlsReader;

class EntryEncodingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CERT = HEX.parseHex("3003020101");
    private static final byte[] KEY_HASH = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY_HASH[i] = (byte) i;
        }
    }

    @Test
    void leafIndexExtension_isEightBytesWithA40BitIndex() {
        byte[] ext = CtExtensions.leafIndex(0x0102030405L);
        assertEquals("00" + "0005" + "0102030405", HEX.formatHex(ext));
        assertEquals(OptionalLong.of(0x0102030405L), CtExtensions.findLeafIndex(ext));
        assertEquals(OptionalLong.empty(), CtExtensions.findLeafIndex(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> CtExtensions.leafIndex(1L << 40));
    }

    @Test
    void leafIndexExtension_rejectsDuplicatesAndWrongLengths() {
        byte[] twice = HEX.parseHex("0000050000000001" + "0000050000000002");
        assertThrows(TlsDecodingException.class, () -> CtExtensions.findLeafIndex(twice));
        assertThrows(TlsDecodingException.class, () -> CtExtensions.findLeafIndex(HEX.parseHex("00000400000001")));
    }

    @Test
    void x509Leaf_hasTheRfc6962Layout() {
        TimestampedEntry te = new TimestampedEntry(0x0000017f00000001L, SignedEntry.x509(CERT), CtExtensions.leafIndex(7));
        byte[] leaf = MerkleTreeLeaf.encode(te);
        String expected = "00" + "00"                 // version v1, leaf_type timestamped_entry
                + "0000017f00000001"                  // timestamp
                + "0000"                              // entry_type x509_entry
                + "000005" + "3003020101"             // ASN.1Cert<1..2^24-1>
                + "0008" + "00" + "0005" + "0000000007"; // extensions<0..2^16-1> with leaf_index 7
        assertEquals(expected, HEX.formatHex(leaf));
        TimestampedEntry back = MerkleTreeLeaf.decode(leaf);
        assertEquals(te.timestamp(), back.timestamp());
        assertEquals(te.entry(), back.entry());
        assertArrayEquals(te.extensions(), back.extensions());
    }

    @Test
    void precertLeaf_carriesIssuerKeyHashAndTbs() {
        TimestampedEntry te = new TimestampedEntry(5, SignedEntry.precert(KEY_HASH, CERT), new byte[0]);
        byte[] leaf = MerkleTreeLeaf.encode(te);
        String expected = "0000" + "0000000000000005" + "0001" + HEX.formatHex(KEY_HASH) + "000005" + "3003020101" + "0000";
        assertEquals(expected, HEX.formatHex(leaf));
        assertEquals(te.entry(), MerkleTreeLeaf.decode(leaf).entry());
    }

    @Test
    void merkleTreeLeaf_rejectsUnknownVersionsTypesAndTrailingBytes() {
        byte[] leaf = MerkleTreeLeaf.encode(new TimestampedEntry(1, SignedEntry.x509(CERT), new byte[0]));
        byte[] badVersion = leaf.clone();
        badVersion[0] = 1;
        assertThrows(TlsDecodingException.class, () -> MerkleTreeLeaf.decode(badVersion));
        byte[] badType = leaf.clone();
        badType[11] = 2; // low byte of entry_type
        assertThrows(TlsDecodingException.class, () -> MerkleTreeLeaf.decode(badType));
        byte[] trailing = java.util.Arrays.copyOf(leaf, leaf.length + 1);
        assertThrows(TlsDecodingException.class, () -> MerkleTreeLeaf.decode(trailing));
    }

    @Test
    void identityHash_ignoresTimestampButSeparatesTypes() {
        assertArrayEquals(SignedEntry.x509(CERT).identityHash(), SignedEntry.x509(CERT.clone()).identityHash());
        assertNotEquals(HEX.formatHex(SignedEntry.x509(CERT).identityHash()), HEX.formatHex(SignedEntry.precert(KEY_HASH, CERT).identityHash()));
    }

    @Test
    void extraData_x509IsAChainVectorAndPrecertIsPrecertChainEntry() {
        byte[] a = HEX.parseHex("aa");
        byte[] b = HEX.parseHex("bbbb");
        assertEquals("000009" + "000001aa" + "000002bbbb", HEX.formatHex(ExtraData.x509Chain(List.of(a, b))));
        assertEquals(2, ExtraData.readX509Chain(ExtraData.x509Chain(List.of(a, b))).size());
        assertEquals("000005" + "3003020101" + "000004" + "000001aa", HEX.formatHex(ExtraData.precertChain(CERT, List.of(a))));
        assertEquals("000000", HEX.formatHex(ExtraData.x509Chain(List.of())));
    }

    @Test
    void tileLeaf_roundTripsForBothEntryTypes() {
        byte[] fp = new byte[32];
        fp[0] = 9;
        TimestampedEntry x509 = new TimestampedEntry(3, SignedEntry.x509(CERT), CtExtensions.leafIndex(3));
        byte[] encoded = new TileLeaf(x509, null, List.of(fp)).encode();
        // TimestampedEntry, then Fingerprint certificate_chain<0..2^16-1>: no pre_certificate for x509.
        assertTrue(HEX.formatHex(encoded).endsWith("0020" + HEX.formatHex(fp)));
        TileLeaf back = TileLeaf.readFrom(new TlsReader(encoded));
        assertNull(back.preCertificate());
        assertArrayEquals(fp, back.chainFingerprints().get(0));

        TimestampedEntry pre = new TimestampedEntry(3, SignedEntry.precert(KEY_HASH, CERT), CtExtensions.leafIndex(4));
        byte[] precert = HEX.parseHex("30020500");
        TlsReader r = new TlsReader(new TileLeaf(pre, precert, List.of(fp, fp)).encode());
        TileLeaf preBack = TileLeaf.readFrom(r);
        r.finish();
        assertArrayEquals(precert, preBack.preCertificate());
        assertEquals(2, preBack.chainFingerprints().size());
        assertEquals(OptionalLong.of(4), CtExtensions.findLeafIndex(preBack.entry().extensions()));
    }
}
