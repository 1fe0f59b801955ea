package online.hypermesh.trustchain.ct.log;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

import online.hypermesh.trustchain.ct.merkle.ProofGenerator;
import online.hypermesh.trustchain.ct.statics.Checkpoint;
import online.hypermesh.trustchain.ct.statics.TileCoordinates;

/**
 * The RFC 6962 read endpoints and the static-ct-api assets, answered from the store. Every answer
 * is bounded by the latest signed tree head, read first, so a reader never sees entries that no
 * tree head covers. Requests the log cannot answer throw {@link InvalidLogRequestException}.
 * Thread-safe.
 */
public final class LogReader {
    private final LogIdentity identity;
    private final byte[] logId;
    private final LogReadStore store;
    private final ProofGenerator proofs;
    private final int maxEntriesPerRequest;
    private final LogMetrics metrics;

    /**
     * @param maxEntriesPerRequest get-entries returns at most this many entries; RFC 6962 section
     *                             4.6 lets a log cap the range and return the first entries of it
     */
    public LogReader(LogIdentity identity, LogReadStore store, int maxEntriesPerRequest) {
        this(identity, store, maxEntriesPerRequest, LogMetrics.NONE);
    }

    public LogReader(LogIdentity identity, LogReadStore store, int maxEntriesPerRequest, LogMetrics metrics) {
        this.metrics = metrics;
        if (maxEntriesPerRequest < 1) {
            throw new IllegalArgumentException("maxEntriesPerRequest must be positive");
        }
        this.identity = identity;
        this.logId = identity.logId();
        this.store = store;
        this.proofs = new ProofGenerator(store);
        this.maxEntriesPerRequest = maxEntriesPerRequest;
    }

    public LogIdentity identity() {
        return identity;
    }

    public int maxEntriesPerRequest() {
        return maxEntriesPerRequest;
    }

    /** get-sth. */
    public SignedTreeHead latestTreeHead() {
        return store.latestTreeHead(logId).orElseThrow(() -> new LogUnavailableException("the log has no tree head yet; it is starting"));
    }

    /** get-sth-consistency: PROOF(first, D[second]). Empty when first is 0 or equal to second. */
    public List<byte[]> consistencyProof(long first, long second) {
        long size = latestTreeHead().treeSize();
        if (first < 0 || second < first || second > size) {
            throw new InvalidLogRequestException("need 0 <= first <= second <= " + size + " (the current tree size), got first="
                    + first + ", second=" + second);
        }
        if (first == 0 || first == second) {
            return List.of();
        }
        long t0 = System.nanoTime();
        List<byte[]> proof = proofs.consistencyProof(first, second);
        metrics.proofGenerated(LogMetrics.Proof.CONSISTENCY, System.nanoTime() - t0);
        return proof;
    }

    /** get-proof-by-hash. */
    public InclusionProof proofByHash(byte[] leafHash, long treeSize) {
        long size = latestTreeHead().treeSize();
        if (leafHash.length != 32) {
            throw new InvalidLogRequestException("hash must be a base64 SHA-256 leaf hash (32 bytes), got " + leafHash.length + " bytes");
        }
        if (treeSize < 1 || treeSize > size) {
            throw new InvalidLogRequestException("tree_size must be between 1 and " + size + " (the current tree size), got " + treeSize);
        }
        long index = store.leafIndexByHash(leafHash, treeSize).orElseThrow(() -> new InvalidLogRequestException(
                "no entry with this leaf hash in the tree of size " + treeSize));
        return new InclusionProof(index, inclusionProof(index, treeSize));
    }

    /**
     * get-entries: entries {@code start..end} inclusive, cut to the current tree size and to
     * {@link #maxEntriesPerRequest()} entries counted from {@code start}.
     */
    public List<LogReadStore.StoredEntry> entries(long start, long end) {
        long size = latestTreeHead().treeSize();
        if (start < 0 || end < start) {
            throw new InvalidLogRequestException("need 0 <= start <= end, got start=" + start + ", end=" + end);
        }
        if (start >= size) {
            throw new InvalidLogRequestException("start=" + start + " is beyond the tree (size " + size + ")");
        }
        long last = Math.min(Math.min(end, size - 1), start + maxEntriesPerRequest - 1);
        return store.entries(start, last + 1);
    }

    /** get-entry-and-proof. */
    public EntryAndProof entryAndProof(long leafIndex, long treeSize) {
        long size = latestTreeHead().treeSize();
        if (treeSize < 1 || treeSize > size) {
            throw new InvalidLogRequestException("tree_size must be between 1 and " + size + " (the current tree size), got " + treeSize);
        }
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new InvalidLogRequestException("leaf_index must be between 0 and tree_size - 1, got " + leafIndex);
        }
        LogReadStore.StoredEntry entry = store.entries(leafIndex, leafIndex + 1).get(0);
        return new EntryAndProof(entry, inclusionProof(leafIndex, treeSize));
    }

    private List<byte[]> inclusionProof(long index, long treeSize) {
        long t0 = System.nanoTime();
        List<byte[]> proof = proofs.inclusionProof(index, treeSize);
        metrics.proofGenerated(LogMetrics.Proof.INCLUSION, System.nanoTime() - t0);
        return proof;
    }

    /** The signed note served at /checkpoint. */
    public String checkpoint() {
        SignedTreeHead head = latestTreeHead();
        return Checkpoint.signedNote(identity.origin(), logId, head.treeSize(), head.rootHash(), head.timestamp(), head.signature());
    }

    /** A hash tile, if the latest tree holds it. */
    public Optional<byte[]> hashTile(TileCoordinates tile) {
        if (!tile.existsIn(latestTreeHead().treeSize())) {
            return Optional.empty();
        }
        List<byte[]> hashes = store.levelHashes(tile.treeLevel(), tile.firstNode(), tile.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * hashes.size());
        hashes.forEach(out::writeBytes);
        return Optional.of(out.toByteArray());
    }

    /** A data tile (TileLeaf entries), if the latest tree holds it. */
    public Optional<byte[]> dataTile(TileCoordinates tile) {
        if (tile.level() != 0 || !tile.existsIn(latestTreeHead().treeSize())) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 * tile.width());
        store.entries(tile.firstNode(), tile.firstNode() + tile.width()).forEach(e -> out.writeBytes(e.tileLeaf()));
        return Optional.of(out.toByteArray());
    }

    public Optional<byte[]> issuer(byte[] fingerprint) {
        return store.issuer(fingerprint);
    }

    /** An audit path and the index it is for. */
    public record InclusionProof(long leafIndex, List<byte[]> auditPath) {
    }

    /** An entry with its audit path. */
    public record EntryAndProof(LogReadStore.StoredEntry entry, List<byte[]> auditPath) {
    }
}
