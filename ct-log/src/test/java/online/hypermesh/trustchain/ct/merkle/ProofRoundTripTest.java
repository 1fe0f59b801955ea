package online.hypermesh.trustchain.ct.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every proof over a 64-leaf tree: the generator agrees with the literal RFC definitions, the
 * verifier accepts it, and every single mutation of it is rejected.
 */
class ProofRoundTripTest {

    private static final int MAX = 64;

    private static List<byte[]> leaves;
    private static List<byte[]> roots; // roots.get(n) = MTH of the first n leaves
    private static ProofGenerator generator;

    @BeforeAll
    static void buildTree() {
        // Fixed seed: "random-ish" variable-length leaves, but the same on every run.
        Random random = new Random(6962);
        leaves = new ArrayList<>();
        InMemoryNodeStore store = new InMemoryNodeStore();
        for (int i = 0; i < MAX; i++) {
            byte[] leaf = new byte[random.nextInt(40)];
            random.nextBytes(leaf);
            byte[] hash = MerkleHashes.leafHash(leaf);
            leaves.add(hash);
            store.append(hash);
        }
        roots = new ArrayList<>();
        for (int n = 0; n <= MAX; n++) {
            roots.add(MerkleTreeHash.of(leaves.subList(0, n)));
        }
        generator = new ProofGenerator(store);
    }

    @Test
    void inclusionProofsMatchRfcAndVerify() {
        for (int n = 1; n <= MAX; n++) {
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = generator.inclusionProof(m, n);
                String what = "inclusion m=" + m + " n=" + n;
                ReferenceTreeTest.assertProofEquals(RfcReference.path(m, leaves.subList(0, n)), proof, what);
                final int fm = m;
                final int fn = n;
                assertDoesNotThrow(() -> ProofVerifier.verifyInclusion(fm, fn, leaves.get(fm), proof, roots.get(fn)), what);
            }
        }
    }

    @Test
    void mutatedInclusionProofsAreRejected() {
        for (int n = 1; n <= MAX; n++) {
            for (int m = 0; m < n; m++) {
                rejectInclusionMutations(m, n);
            }
        }
    }

    private static void rejectInclusionMutations(int m, int n) {
        List<byte[]> proof = generator.inclusionProof(m, n);
        byte[] leaf = leaves.get(m);
        byte[] root = roots.get(n);
        String what = "inclusion m=" + m + " n=" + n;
        for (List<byte[]> bad : mutations(proof)) {
            assertRejected(() -> ProofVerifier.verifyInclusion(m, n, leaf, bad, root), what + " mutated proof");
        }
        assertRejected(() -> ProofVerifier.verifyInclusion(m, n, flip(leaf, 5), proof, root), what + " wrong leaf");
        assertRejected(() -> ProofVerifier.verifyInclusion(m, n, leaf, proof, flip(root, 31)), what + " wrong root");
        assertRejected(() -> ProofVerifier.verifyInclusion(m, n + 1, leaf, proof, roots.get(Math.min(n + 1, MAX))),
                what + " bigger tree");
        if (m + 1 < n) {
            assertRejected(() -> ProofVerifier.verifyInclusion(m + 1, n, leaf, proof, root), what + " next index");
        }
        if (m > 0) {
            assertRejected(() -> ProofVerifier.verifyInclusion(m - 1, n, leaf, proof, root), what + " previous index");
        }
    }

    @Test
    void consistencyProofsMatchRfcAndVerify() {
        for (int n = 1; n <= MAX; n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = generator.consistencyProof(m, n);
                String what = "consistency m=" + m + " n=" + n;
                List<byte[]> want = m == n ? List.of() : RfcReference.proof(m, leaves.subList(0, n));
                ReferenceTreeTest.assertProofEquals(want, proof, what);
                final int fm = m;
                final int fn = n;
                assertDoesNotThrow(() -> ProofVerifier.verifyConsistency(fm, fn, roots.get(fm), roots.get(fn), proof), what);
            }
        }
    }

    @Test
    void mutatedConsistencyProofsAreRejected() {
        for (int n = 2; n <= MAX; n++) {
            for (int m = 1; m < n; m++) {
                rejectConsistencyMutations(m, n);
            }
        }
    }

    private static void rejectConsistencyMutations(int m, int n) {
        List<byte[]> proof = generator.consistencyProof(m, n);
        byte[] r1 = roots.get(m);
        byte[] r2 = roots.get(n);
        String what = "consistency m=" + m + " n=" + n;
        for (List<byte[]> bad : mutations(proof)) {
            assertRejected(() -> ProofVerifier.verifyConsistency(m, n, r1, r2, bad), what + " mutated proof");
        }
        assertRejected(() -> ProofVerifier.verifyConsistency(m, n, flip(r1, 0), r2, proof), what + " wrong root1");
        assertRejected(() -> ProofVerifier.verifyConsistency(m, n, r1, flip(r2, 0), proof), what + " wrong root2");
        assertRejected(() -> ProofVerifier.verifyConsistency(m, n, r2, r1, proof), what + " swapped roots");
        assertRejected(() -> ProofVerifier.verifyConsistency(0, n, r1, r2, proof), what + " size1=0");
        assertRejected(() -> ProofVerifier.verifyConsistency(n, m, r2, r1, proof), what + " sizes reversed");
        if (m + 1 < n) {
            assertRejected(() -> ProofVerifier.verifyConsistency(m + 1, n, roots.get(m + 1), r2, proof), what + " size1+1");
        }
        if (n < MAX) {
            assertRejected(() -> ProofVerifier.verifyConsistency(m, n + 1, r1, roots.get(n + 1), proof), what + " size2+1");
        }
    }

    /** Each component bit-flipped, dropped, duplicated; garbage and extra hashes before and after. */
    private static List<List<byte[]>> mutations(List<byte[]> proof) {
        List<List<byte[]>> out = new ArrayList<>();
        byte[] extra = MerkleHashes.leafHash(new byte[] {42});
        for (int i = 0; i < proof.size(); i++) {
            for (int bit : new int[] {0, 131, 255}) {
                List<byte[]> p = new ArrayList<>(proof);
                p.set(i, flip(proof.get(i), bit / 8, bit % 8));
                out.add(p);
            }
            List<byte[]> dropped = new ArrayList<>(proof);
            dropped.remove(i);
            out.add(dropped);
            List<byte[]> duplicated = new ArrayList<>(proof);
            duplicated.add(i, proof.get(i));
            out.add(duplicated);
            List<byte[]> truncated = new ArrayList<>(proof);
            truncated.set(i, java.util.Arrays.copyOf(proof.get(i), 31));
            out.add(truncated);
        }
        for (byte[] junk : List.of(new byte[0], extra)) {
            List<byte[]> after = new ArrayList<>(proof);
            after.add(junk);
            out.add(after);
            List<byte[]> before = new ArrayList<>(proof);
            before.add(0, junk);
            out.add(before);
        }
        return out;
    }

    private static byte[] flip(byte[] hash, int byteIndex) {
        return flip(hash, byteIndex, 0);
    }

    private static byte[] flip(byte[] hash, int byteIndex, int bit) {
        byte[] copy = hash.clone();
        copy[byteIndex] ^= (byte) (1 << bit);
        return copy;
    }

    private static void assertRejected(org.junit.jupiter.api.function.Executable call, String what) {
        assertThrows(InvalidProofException.class, call, what);
    }
}
