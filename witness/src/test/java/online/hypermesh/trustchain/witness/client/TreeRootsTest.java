package online.hypermesh.trustchain.witness.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.merkle.InMemoryNodeStore;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;

/** The root at every earlier size, against the roots the log's own compact range computed as it grew. */
class TreeRootsTest {
    @Test
    void rootAtEverySizeMatchesTheTreeAsItGrew() {
        InMemoryNodeStore tree = new InMemoryNodeStore();
        List<byte[]> roots = new ArrayList<>();
        roots.add(tree.root());
        for (int i = 0; i < 300; i++) {
            tree.append(MerkleHashes.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
            roots.add(tree.root());
        }
        for (int n = 0; n <= 300; n++) {
            assertArrayEquals(roots.get(n), TreeRoots.rootAt(tree, n), "size " + n);
        }
    }
}
