package online.hypermesh.trustchain.ca.api;

import java.util.List;
import java.util.Optional;

import jakarta.ejb.Local;

import online.hypermesh.trustchain.ct.log.AddedEntry;
import online.hypermesh.trustchain.ct.log.LogReadStore;
import online.hypermesh.trustchain.ct.log.LogReader;
import online.hypermesh.trustchain.ct.log.SignedTreeHead;
import online.hypermesh.trustchain.ct.statics.TileCoordinates;

/**
 * The Certificate Transparency log as the web tier and the issuance path see it. Bad input throws
 * TrustChainException MALFORMED_REQUEST (HTTP 400, nothing logged); a log that cannot take a
 * submission now throws UNAVAILABLE (503).
 */
@Local
public interface CtLogService {

    /** add-chain: DER certificates, leaf first. Blocks until the entry is in a committed tree head. */
    AddedEntry addChain(List<byte[]> chain);

    /** add-pre-chain: DER precertificate first, then its issuers. */
    AddedEntry addPreChain(List<byte[]> chain);

    SignedTreeHead latestTreeHead();

    List<byte[]> consistencyProof(long first, long second);

    LogReader.InclusionProof proofByHash(byte[] leafHash, long treeSize);

    /** At most {@link LogDescription#maxEntriesPerRequest()} entries from {@code start}. */
    List<LogReadStore.StoredEntry> entries(long start, long end);

    LogReader.EntryAndProof entryAndProof(long leafIndex, long treeSize);

    /** DER of each accepted root. */
    List<byte[]> roots();

    String checkpoint();

    Optional<byte[]> hashTile(TileCoordinates tile);

    Optional<byte[]> dataTile(TileCoordinates tile);

    Optional<byte[]> issuer(byte[] fingerprint);

    LogDescription description();

    /** The log's own listener port (6962 plus the port offset): CT paths answer there and only there. */
    int port();

    /** Whether this node's sequencer leads the log (only the leader takes submissions; every node answers reads). */
    boolean isLeading();

    /**
     * The latest tree head this node's sequencer signed or loaded, without a database read; empty
     * before it first led. Unlike {@link #latestTreeHead()} (the stored head, whoever signed it),
     * this shows whether this node is still signing.
     */
    Optional<SignedTreeHead> latestHead();
}
