package online.hypermesh.trustchain.ct.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.entry.MerkleTreeLeaf;
import online.hypermesh.trustchain.ct.entry.TileLeaf;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.MerkleTreeHash;
import online.hypermesh.trustchain.ct.statics.TileCoordinates;
import online.hypermesh.trustchain.ct.submit.CertificateHashes;
import online.hypermesh.trustchain.ct.support.TestDatabase;
import online.hypermesh.trustchain.ct.tls.TlsReader;

/** The read paths over a log of 300 entries: one full level-0 tile and a partial one of 44. */
class LogReaderTest {
    private static final int SIZE = 300;
    private static LogFixture log;
    private static Sequencer sequencer;

    @BeforeAll
    static void fill() throws Exception {
        log = new LogFixture(TestDatabase.freshDatabase());
        sequencer = log.startSequencer();
        LogFixture.awaitLead(sequencer);
        List<java.util.concurrent.CompletableFuture<AddedEntry>> all = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            all.add(sequencer.submit(i % 10 == 0 ? log.precertSubmission("r" + i + ".example") : log.leafSubmission("r" + i + ".example")));
        }
        for (var f : all) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        sequencer.close();
        log.close();
    }

    @Test
    void getEntries_capsTheRangeAndCutsItAtTheTreeSize() {
        assertEquals(100, log.reader.entries(0, 299).size(), "capped at maxEntriesPerRequest, counted from start");
        assertEquals(250, log.reader.entries(250, 10_000).get(0).leafIndex());
        assertEquals(50, log.reader.entries(250, 10_000).size(), "cut at the last entry");
        assertEquals(1, log.reader.entries(7, 7).size());
    }

    @Test
    void getEntries_rejectsRangesOutOfBounds() {
        assertThrows(InvalidLogRequestException.class, () -> log.reader.entries(-1, 3));
        assertThrows(InvalidLogRequestException.class, () -> log.reader.entries(5, 4));
        assertThrows(InvalidLogRequestException.class, () -> log.reader.entries(SIZE, SIZE + 5));
    }

    @Test
    void proofRequests_rejectSizesBeyondTheTreeAndUnknownHashes() {
        assertThrows(InvalidLogRequestException.class, () -> log.reader.consistencyProof(10, SIZE + 1));
        assertThrows(InvalidLogRequestException.class, () -> log.reader.consistencyProof(11, 10));
        assertThrows(InvalidLogRequestException.class, () -> log.reader.proofByHash(new byte[32], SIZE));
        assertThrows(InvalidLogRequestException.class, () -> log.reader.proofByHash(new byte[31], SIZE));
        assertThrows(InvalidLogRequestException.class, () -> log.reader.entryAndProof(10, 10));
        assertThrows(InvalidLogRequestException.class, () -> log.reader.entryAndProof(0, SIZE + 1));
        assertEquals(List.of(), log.reader.consistencyProof(SIZE, SIZE));
    }

    @Test
    void hashTiles_holdTheLeafHashesAndTheirTileRoots() {
        List<byte[]> leafHashes = new ArrayList<>();
        log.reader.entries(0, 99).forEach(e -> leafHashes.add(MerkleHashes.leafHash(e.leafInput())));
        log.reader.entries(100, 199).forEach(e -> leafHashes.add(MerkleHashes.leafHash(e.leafInput())));
        log.reader.entries(200, 299).forEach(e -> leafHashes.add(MerkleHashes.leafHash(e.leafInput())));

        byte[] full = log.reader.hashTile(new TileCoordinates(0, 0, 256)).orElseThrow();
        assertEquals(256 * 32, full.length);
        for (int i = 0; i < 256; i++) {
            assertArrayEquals(leafHashes.get(i), Arrays.copyOfRange(full, 32 * i, 32 * i + 32));
        }
        byte[] partial = log.reader.hashTile(new TileCoordinates(0, 1, 44)).orElseThrow();
        assertArrayEquals(leafHashes.get(299), Arrays.copyOfRange(partial, 43 * 32, 44 * 32));
        // Level 1: one hash, the MTH of the first 256 leaves.
        byte[] level1 = log.reader.hashTile(new TileCoordinates(1, 0, 1)).orElseThrow();
        assertArrayEquals(MerkleTreeHash.of(leafHashes.subList(0, 256)), level1);

        assertFalse(log.reader.hashTile(new TileCoordinates(0, 1, 45)).isPresent(), "wider than the tree");
        assertFalse(log.reader.hashTile(new TileCoordinates(0, 2, 1)).isPresent());
    }

    @Test
    void dataTiles_holdTileLeavesWhoseIssuersAreServed() {
        byte[] tile = log.reader.dataTile(new TileCoordinates(0, 1, 44)).orElseThrow();
        TlsReader r = new TlsReader(tile);
        List<TileLeaf> leaves = new ArrayList<>();
        while (r.hasRemaining()) {
            leaves.add(TileLeaf.readFrom(r));
        }
        assertEquals(44, leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            byte[] leafInput = log.reader.entries(256 + i, 256 + i).get(0).leafInput();
            assertEquals(MerkleTreeLeaf.decode(leafInput).entry(), leaves.get(i).entry().entry());
            for (byte[] fingerprint : leaves.get(i).chainFingerprints()) {
                byte[] issuer = log.reader.issuer(fingerprint).orElseThrow();
                assertArrayEquals(fingerprint, CertificateHashes.sha256(issuer));
            }
        }
        assertTrue(leaves.get(4).preCertificate() != null, "entry 260 is a precertificate");
    }

    @Test
    void checkpoint_carriesTheLatestHeadAndAVerifyingSignature() throws Exception {
        SignedTreeHead sth = log.reader.latestTreeHead();
        String note = log.reader.checkpoint();
        String[] lines = note.split("\n");
        assertEquals(LogFixture.ORIGIN, lines[0]);
        assertEquals(Long.toString(sth.treeSize()), lines[1]);
        assertEquals(Base64.getEncoder().encodeToString(sth.rootHash()), lines[2]);
        assertEquals("", lines[3]);
        byte[] sig = Base64.getDecoder().decode(lines[4].substring(lines[4].lastIndexOf(' ') + 1));
        ByteBuffer b = ByteBuffer.wrap(sig);
        b.position(4);
        long timestamp = b.getLong();
        assertEquals(4, b.get());
        assertEquals(3, b.get());
        byte[] der = new byte[b.getShort() & 0xffff];
        b.get(der);
        assertFalse(b.hasRemaining());
        assertTrue(RfcBytes.verifies(log.key.getPublic(), RfcBytes.treeHeadInput(timestamp, sth.treeSize(), sth.rootHash()), der));
    }
}
