package online.hypermesh.trustchain.ct.log;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import online.hypermesh.trustchain.ct.merkle.NodeReader;

/**
 * What the read paths need from storage. Every read reflects committed batches only, and a
 * caller bounds its reads by a tree head it read first, so it never sees a half-written batch.
 * Thread-safe.
 */
public interface LogReadStore extends NodeReader {

    Optional<SignedTreeHead> latestTreeHead(byte[] logId);

    /** The smallest leaf index below {@code treeSize} whose leaf hash is {@code leafHash}. */
    OptionalLong leafIndexByHash(byte[] leafHash, long treeSize);

    /** Entries {@code [start, end)} in index order. */
    List<StoredEntry> entries(long start, long end);

    /** Hashes of tree level {@code level}, indexes {@code [first, first + count)}, in order. */
    List<byte[]> levelHashes(int level, long first, int count);

    /** An issuer certificate by SHA-256 fingerprint. */
    Optional<byte[]> issuer(byte[] fingerprint);

    /** One logged entry's stored encodings. */
    record StoredEntry(long leafIndex, byte[] leafInput, byte[] extraData, byte[] tileLeaf) {
    }
}
