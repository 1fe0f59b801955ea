package online.hypermesh.trustchain.ct.statics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.sct.DigitallySigned;

class StaticApiTest {

    @Test
    void tileIndex_isThreeDigitElementsWithXPrefixes() {
        assertEquals("x001/x234/067", TilePath.encodeIndex(1234067));
        assertEquals("000", TilePath.encodeIndex(0));
        assertEquals("x001/000", TilePath.encodeIndex(1000));
        assertEquals("tile/2/x001/000.p/7", TilePath.hashTile(new TileCoordinates(2, 1000, 7)));
        assertEquals("tile/data/005", TilePath.dataTile(new TileCoordinates(0, 5, 256)));
    }

    @Test
    void tilePath_parsesWhatItWrites() {
        assertEquals(new TileCoordinates(0, 1234067, 256), TilePath.parse(0, "x001/x234/067"));
        assertEquals(new TileCoordinates(1, 3, 17), TilePath.parse(1, "003.p/17"));
    }

    @Test
    void tilePath_rejectsMalformedIndexesAndWidths() {
        for (String bad : new String[] {"3", "0003", "x1/003", "001/002", "003.p/0", "003.p/256", "003.p/017", "x000/001", "003.p/"}) {
            assertThrows(IllegalArgumentException.class, () -> TilePath.parse(0, bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new TileCoordinates(6, 0, 256));
    }

    @Test
    void tileWidths_matchTheSpecExampleOf70000Leaves() {
        // 273 full level-0 tiles, a partial one of 112; one full level-1 tile and a partial of 17; level 2 partial of 1.
        assertEquals(256, TileCoordinates.widthIn(0, 272, 70_000));
        assertEquals(112, TileCoordinates.widthIn(0, 273, 70_000));
        assertEquals(0, TileCoordinates.widthIn(0, 274, 70_000));
        assertEquals(256, TileCoordinates.widthIn(1, 0, 70_000));
        assertEquals(17, TileCoordinates.widthIn(1, 1, 70_000));
        assertEquals(1, TileCoordinates.widthIn(2, 0, 70_000));
        assertTrue(new TileCoordinates(0, 273, 112).existsIn(70_000));
        assertFalse(new TileCoordinates(0, 273, 113).existsIn(70_000));
        assertFalse(new TileCoordinates(0, 273, 256).existsIn(70_000));
        assertTrue(new TileCoordinates(1, 1, 17).existsIn(70_000));
    }

    @Test
    void checkpoint_isASignedNoteWithAnRfc6962Signature() throws Exception {
        byte[] logId = new byte[32];
        logId[0] = 7;
        byte[] root = new byte[32];
        String origin = "ct.example.com/2026";
        String note = Checkpoint.signedNote(origin, logId, 42, root, 0x0102L, new DigitallySigned(new byte[] {1, 2, 3}));

        String[] parts = note.split("\n\n", 2);
        assertEquals(origin + "\n42\n" + Base64.getEncoder().encodeToString(root) + "\n", parts[0] + "\n");
        assertTrue(parts[1].startsWith("\u2014 " + origin + " "));
        assertTrue(parts[1].endsWith("\n"));
        byte[] sig = Base64.getDecoder().decode(parts[1].substring(("\u2014 " + origin + " ").length()).trim());

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((origin + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x05);
        sha.update(logId);
        assertEquals(HexFormat.of().formatHex(Arrays.copyOf(sha.digest(), 4)), HexFormat.of().formatHex(Arrays.copyOf(sig, 4)));
        // key ID, uint64 timestamp, then the TreeHeadSignature's digitally-signed struct.
        assertEquals("0000000000000102" + "0403" + "0003" + "010203", HexFormat.of().formatHex(Arrays.copyOfRange(sig, 4, sig.length)));
    }

    @Test
    void checkpoint_refusesAnOriginThatIsNotAKeyName() {
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.body("has space", 0, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.body("", 0, new byte[32]));
    }
}
