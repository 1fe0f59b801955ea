package online.hypermesh.trustchain.ct.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole tree kept in memory: a {@link CompactRange} for appends plus every perfect-subtree
 * hash it reports, indexed by level. It is the reference implementation of the
 * {@link NodeReader} contract, for tests and small tools; a real log stores the same nodes
 * in its database. Not thread-safe.
 */
public final class InMemoryNodeStore implements NodeReader {

    // levels.get(l).get(i) is the hash of NodeId(l, i).
    private final List<List<byte[]>> levels = new ArrayList<>();
    private final CompactRange range = new CompactRange();

    /** Appends a leaf hash, storing every subtree it completes. */
    public void append(byte[] leafHash) {
        range.append(leafHash, this::store);
    }

    /** Number of leaves stored. */
    public long size() {
        return range.size();
    }

    /** Root of the tree of all stored leaves. */
    public byte[] root() {
        return range.root();
    }

    @Override
    public List<byte[]> nodeHashes(List<NodeId> ids) {
        List<byte[]> out = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            if (id.level() >= levels.size() || id.index() >= levels.get(id.level()).size()) {
                throw new IllegalArgumentException("no complete subtree " + id + " in a tree of size " + size());
            }
            out.add(levels.get(id.level()).get((int) id.index()).clone());
        }
        return out;
    }

    private void store(NodeId id, byte[] hash) {
        while (levels.size() <= id.level()) {
            levels.add(new ArrayList<>());
        }
        List<byte[]> level = levels.get(id.level());
        // CompactRange completes nodes of each level strictly in index order.
        if (level.size() != id.index()) {
            throw new IllegalStateException("out-of-order node " + id);
        }
        level.add(hash);
    }
}
