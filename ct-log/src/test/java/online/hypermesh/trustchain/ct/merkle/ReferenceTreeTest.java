package online.hypermesh.trustchain.ct.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's reference tree: known roots, and the generator reproduces the vectors' happy paths. */
class ReferenceTreeTest {

    @Test
    void treeHeadMatchesReadmeRootsForEveryPrefix() {
        for (int n = 0; n <= 8; n++) {
            assertArrayEquals(Vectors.hex(Vectors.REFERENCE_ROOTS.get(n)), MerkleTreeHash.of(Vectors.referenceLeafHashes(n)),
                    "MTH of the first " + n + " reference leaves");
        }
    }

    @Test
    void compactRangeMatchesReadmeRootsAfterEveryAppend() {
        CompactRange range = new CompactRange();
        assertArrayEquals(Vectors.hex(Vectors.REFERENCE_ROOTS.get(0)), range.root());
        List<byte[]> leaves = Vectors.referenceLeafHashes(8);
        for (int n = 1; n <= 8; n++) {
            range.append(leaves.get(n - 1));
            assertEquals(n, range.size());
            assertArrayEquals(Vectors.hex(Vectors.REFERENCE_ROOTS.get(n)), range.root(), "compact range root at size " + n);
        }
    }

    @Test
    void generatedInclusionProofsEqualTheVectorsHappyPaths() {
        InMemoryNodeStore store = referenceStore();
        ProofGenerator generator = new ProofGenerator(store);
        int compared = 0;
        for (Vectors.Inclusion v : Vectors.inclusion()) {
            if (v.wantErr() || v.treeSize() > 8 || !v.file().getFileName().toString().equals("happy-path.json")) {
                continue;
            }
            assertArrayEquals(Vectors.hex(Vectors.REFERENCE_ROOTS.get((int) v.treeSize())), v.root(), v.file() + " root");
            assertArrayEquals(MerkleTreeHash.of(Vectors.referenceLeafHashes(8).subList((int) v.leafIdx(), (int) v.leafIdx() + 1)),
                    v.leafHash(), v.file() + " leaf hash");
            assertProofEquals(v.proof(), generator.inclusionProof(v.leafIdx(), v.treeSize()), v.file().toString());
            compared++;
        }
        assertTrue(compared > 0, "no inclusion happy path over the reference tree");
        System.out.println("Generated inclusion proofs equal " + compared + " vector happy paths");
    }

    @Test
    void generatedConsistencyProofsEqualTheVectorsHappyPaths() {
        ProofGenerator generator = new ProofGenerator(referenceStore());
        int compared = 0;
        for (Vectors.Consistency v : Vectors.consistency()) {
            if (v.wantErr() || v.size2() > 8 || !v.file().getFileName().toString().equals("happy-path.json")) {
                continue;
            }
            assertArrayEquals(Vectors.hex(Vectors.REFERENCE_ROOTS.get((int) v.size1())), v.root1(), v.file() + " root1");
            assertArrayEquals(Vectors.hex(Vectors.REFERENCE_ROOTS.get((int) v.size2())), v.root2(), v.file() + " root2");
            assertProofEquals(v.proof(), generator.consistencyProof(v.size1(), v.size2()), v.file().toString());
            compared++;
        }
        assertTrue(compared > 0, "no consistency happy path over the reference tree");
        System.out.println("Generated consistency proofs equal " + compared + " vector happy paths");
    }

    private static InMemoryNodeStore referenceStore() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        Vectors.referenceLeafHashes(8).forEach(store::append);
        return store;
    }

    static void assertProofEquals(List<byte[]> want, List<byte[]> got, String what) {
        assertEquals(want.size(), got.size(), what + ": proof length");
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), what + ": proof component " + i);
        }
    }
}
