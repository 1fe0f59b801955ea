package online.hypermesh.trustchain.ct.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Empty and one-leaf trees, out-of-range arguments and the NodeReader contract. */
class EdgeCaseTest {

    private static final byte[] EMPTY_ROOT = Vectors.hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    private static final byte[] LEAF = MerkleHashes.leafHash(new byte[] {1, 2, 3});

    @Test
    void emptyTree() {
        assertArrayEquals(EMPTY_ROOT, MerkleHashes.emptyRoot());
        assertArrayEquals(EMPTY_ROOT, MerkleTreeHash.of(List.of()));
        assertArrayEquals(EMPTY_ROOT, new CompactRange().root());
        assertEquals(List.of(), CompactRange.edgeNodes(0));
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyInclusion(0, 0, LEAF, List.of(), EMPTY_ROOT));
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ProofGenerator(new InMemoryNodeStore()).inclusionProof(0, 0));
    }

    @Test
    void singleLeafTree() throws Exception {
        InMemoryNodeStore store = new InMemoryNodeStore();
        store.append(LEAF);
        assertArrayEquals(LEAF, store.root(), "the root of a one-leaf tree is its leaf hash");
        ProofGenerator generator = new ProofGenerator(store);
        assertEquals(0, generator.inclusionProof(0, 1).size());
        assertEquals(0, generator.consistencyProof(1, 1).size());
        ProofVerifier.verifyInclusion(0, 1, LEAF, List.of(), LEAF);
        ProofVerifier.verifyConsistency(1, 1, LEAF, LEAF, List.of());
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyInclusion(0, 1, LEAF, List.of(LEAF), LEAF));
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyConsistency(1, 1, LEAF, LEAF, List.of(LEAF)));
    }

    @Test
    void outOfRangeArgumentsAreRejected() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        for (int i = 0; i < 5; i++) {
            store.append(MerkleHashes.leafHash(new byte[] {(byte) i}));
        }
        ProofGenerator generator = new ProofGenerator(store);
        assertThrows(IllegalArgumentException.class, () -> generator.inclusionProof(5, 5));
        assertThrows(IllegalArgumentException.class, () -> generator.inclusionProof(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> generator.consistencyProof(0, 5));
        assertThrows(IllegalArgumentException.class, () -> generator.consistencyProof(4, 3));
        // A size the store has not reached is a caller bug the store must not paper over.
        assertThrows(IllegalArgumentException.class, () -> generator.inclusionProof(0, 8));

        byte[] root = store.root();
        List<byte[]> proof = generator.inclusionProof(4, 5);
        assertDoesNotThrow(() -> ProofVerifier.verifyInclusion(4, 5, MerkleHashes.leafHash(new byte[] {4}), proof, root));
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyInclusion(5, 5, LEAF, proof, root));
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyInclusion(-1, 5, LEAF, proof, root));
        // 2^64 - 1 as a Go uint64 arrives as -1.
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyInclusion(0, -1, LEAF, proof, root));
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyConsistency(1, -1, LEAF, root, proof));
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyConsistency(3, 2, LEAF, root, List.of()));
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyInclusion(4, 5, null, proof, root));
        List<byte[]> withNull = new ArrayList<>(proof);
        withNull.set(0, null);
        assertThrows(InvalidProofException.class, () -> ProofVerifier.verifyInclusion(4, 5, LEAF, withNull, root));
    }

    @Test
    void badHashLengthsAreRejectedEarly() {
        assertThrows(IllegalArgumentException.class, () -> new CompactRange().append(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> MerkleTreeHash.of(List.of(new byte[33])));
        assertThrows(IllegalArgumentException.class, () -> new NodeId(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new NodeId(0, -1));
    }

    @Test
    void compactRangeReportsEveryNodeAndRestores() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        List<byte[]> leaves = new ArrayList<>();
        for (int n = 1; n <= 33; n++) {
            byte[] leaf = MerkleHashes.leafHash(new byte[] {(byte) n, (byte) (n >> 8)});
            leaves.add(leaf);
            store.append(leaf);
            CompactRange restored = CompactRange.restore(n, store);
            assertEquals(n, restored.size());
            assertArrayEquals(MerkleTreeHash.of(leaves), restored.root(), "restored root at size " + n);
            assertEquals(Long.bitCount(n), CompactRange.edgeNodes(n).size());
        }
        // Every perfect subtree of the 33-leaf tree was reported: 33 + 16 + 8 + 4 + 2 + 1 nodes.
        List<NodeId> all = new ArrayList<>();
        for (int level = 0; level <= 5; level++) {
            for (long i = 0; (i + 1) << level <= 33; i++) {
                all.add(new NodeId(level, i));
            }
        }
        assertEquals(64, all.size());
        List<byte[]> hashes = store.nodeHashes(all);
        for (int i = 0; i < all.size(); i++) {
            NodeId id = all.get(i);
            assertArrayEquals(MerkleTreeHash.of(leaves.subList((int) id.firstLeaf(), (int) id.endLeaf())), hashes.get(i), id.toString());
        }
    }

    @Test
    void generatorRejectsAStoreThatBreaksTheContract() {
        ProofGenerator shortAnswer = new ProofGenerator(ids -> List.of());
        assertThrows(IllegalStateException.class, () -> shortAnswer.inclusionProof(0, 2));
        ProofGenerator badHash = new ProofGenerator(ids -> ids.stream().map(id -> new byte[7]).toList());
        assertThrows(IllegalStateException.class, () -> badHash.inclusionProof(0, 2));
    }

    @Test
    void generatorAsksOnlyForCompleteSubtreesInOneBatch() {
        List<List<NodeId>> calls = new ArrayList<>();
        ProofGenerator generator = new ProofGenerator(ids -> {
            calls.add(ids);
            return ids.stream().map(id -> MerkleHashes.leafHash(new byte[] {(byte) id.level()})).toList();
        });
        long size = 1_000_003;
        generator.inclusionProof(999_999, size);
        generator.consistencyProof(777_777, size);
        assertEquals(2, calls.size(), "one reader call per proof");
        for (List<NodeId> call : calls) {
            for (NodeId id : call) {
                assertTrue(id.endLeaf() <= size, id + " is not complete in a tree of " + size);
            }
        }
    }

    @Test
    void hashingIsThreadSafe() throws Exception {
        byte[] want = MerkleHashes.nodeHash(LEAF, EMPTY_ROOT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        if (!java.util.Arrays.equals(want, MerkleHashes.nodeHash(LEAF, EMPTY_ROOT))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
