package online.hypermesh.trustchain.ct.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One test per shared vector file: wantErr=false must verify, wantErr=true must be rejected.
 * (No file test-source URI on the dynamic tests: surefire then drops them from its counts.)
 */
class VectorFilesTest {

    @TestFactory
    Stream<DynamicTest> inclusionVectors() {
        List<Vectors.Inclusion> all = Vectors.inclusion();
        report("inclusion", all.size(), all.stream().filter(v -> !v.wantErr()).count());
        assertTrue(all.stream().anyMatch(v -> !v.wantErr()), "no happy-path inclusion vector");
        assertTrue(all.stream().anyMatch(Vectors.Inclusion::wantErr), "no negative inclusion vector");
        return all.stream().map(v -> DynamicTest.dynamicTest(name(v.file(), v.desc(), v.wantErr()), () -> {
            if (v.wantErr()) {
                assertThrows(InvalidProofException.class,
                        () -> ProofVerifier.verifyInclusion(v.leafIdx(), v.treeSize(), v.leafHash(), v.proof(), v.root()));
            } else {
                assertDoesNotThrow(
                        () -> ProofVerifier.verifyInclusion(v.leafIdx(), v.treeSize(), v.leafHash(), v.proof(), v.root()));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyVectors() {
        List<Vectors.Consistency> all = Vectors.consistency();
        report("consistency", all.size(), all.stream().filter(v -> !v.wantErr()).count());
        assertTrue(all.stream().anyMatch(v -> !v.wantErr()), "no happy-path consistency vector");
        assertTrue(all.stream().anyMatch(Vectors.Consistency::wantErr), "no negative consistency vector");
        return all.stream().map(v -> DynamicTest.dynamicTest(name(v.file(), v.desc(), v.wantErr()), () -> {
            if (v.wantErr()) {
                assertThrows(InvalidProofException.class,
                        () -> ProofVerifier.verifyConsistency(v.size1(), v.size2(), v.root1(), v.root2(), v.proof()));
            } else {
                assertDoesNotThrow(
                        () -> ProofVerifier.verifyConsistency(v.size1(), v.size2(), v.root1(), v.root2(), v.proof()));
            }
        }));
    }

    private static String name(Path file, String desc, boolean wantErr) {
        Path rel = Vectors.dir().relativize(file);
        return rel + " (" + desc + ") must " + (wantErr ? "be rejected" : "verify");
    }

    private static void report(String kind, int total, long verify) {
        System.out.printf("Merkle %s vectors from %s: %d files, %d must verify, %d must be rejected%n",
                kind, Vectors.dir(), total, verify, total - verify);
    }
}
