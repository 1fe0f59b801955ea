package online.hypermesh.trustchain.ca.api;

import java.util.List;
import java.util.Optional;

import jakarta.ejb.Local;

/**
 * The Certificate Transparency log as the web tier sees it: RFC 6962 section 4, the static-ct-api
 * read path and log.json, in this package's own types (byte arrays are the exact encodings the
 * protocols put on the wire, base64 or raw, so the edge only frames them). Bad input throws
 * TrustChainException MALFORMED_REQUEST (HTTP 400, nothing logged); a log that cannot take a
 * submission now throws UNAVAILABLE (503).
 */
@Local
public interface CtLogService {

    /** add-chain: DER certificates, leaf first. Blocks until the entry is in a committed tree head. */
    SubmittedSct addChain(List<byte[]> chain);

    /** add-pre-chain: DER precertificate first, then its issuers. */
    SubmittedSct addPreChain(List<byte[]> chain);

    /** get-sth: the latest stored tree head, whichever node signed it. */
    TreeHead latestTreeHead();

    /** get-sth-consistency: the proof's node hashes. */
    List<byte[]> consistencyProof(long first, long second);

    /** get-proof-by-hash. */
    InclusionProof proofByHash(byte[] leafHash, long treeSize);

    /** get-entries: at most {@link LogDescription#maxEntriesPerRequest()} entries from {@code start}. */
    List<Entry> entries(long start, long end);

    /** get-entry-and-proof. */
    EntryAndProof entryAndProof(long leafIndex, long treeSize);

    /** get-roots: DER of each accepted root. */
    List<byte[]> roots();

    /** The static-ct-api checkpoint, as served. */
    String checkpoint();

    /**
     * A hash tile, addressed as in its URL {@code tile/<level>/<index>}: {@code level} 0-5 without
     * leading zeros, {@code index} the static-ct-api path ({@code x001/234}, {@code 234.p/5});
     * MALFORMED_REQUEST if either is not one, empty if the tree has no such tile (yet).
     */
    Optional<byte[]> hashTile(String level, String index);

    /** A data tile, addressed as in its URL {@code tile/data/<index>}; errors as for {@link #hashTile}. */
    Optional<byte[]> dataTile(String index);

    /** An issuer certificate (DER) by the SHA-256 of its DER. */
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
    Optional<TreeHead> latestHead();

    /** The log's witnesses as this node knows them (every node reads the stored cosignatures; the leader also the last answers). */
    WitnessReport witnesses();

    /**
     * The witnesses of the log and what they vouch for.
     *
     * @param required      cosignatures a checkpoint needs to be confirmed: floor(2n/3)+1 of n (0 without witnesses)
     * @param confirmedSize the largest tree size that many witnesses have cosigned (0 if none)
     * @param splitView     a witness holds a checkpoint signed with the log's key that the log's own tree contradicts
     */
    record WitnessReport(int required, long confirmedSize, boolean splitView, List<WitnessState> witnesses) {
    }

    /**
     * One witness.
     *
     * @param cosignedSize  the latest size it cosigned, -1 if none
     * @param cosignedAt    its cosignature's timestamp, epoch seconds, -1 if none
     * @param lastOutcome   the answer to the latest request from this node ("" when this node does not lead)
     */
    record WitnessState(String name, String url, long cosignedSize, long cosignedAt, String lastOutcome, boolean splitView) {
    }

    /**
     * What add-chain and add-pre-chain answer (RFC 6962 4.1), and the index of the entry it promises.
     *
     * @param logId      the log's ID, SHA-256 of its public key
     * @param timestamp  milliseconds since the epoch
     * @param extensions the SCT's CtExtensions (this log's leaf_index)
     * @param signature  the TLS-encoded {@code digitally-signed} struct
     */
    record SubmittedSct(byte[] logId, long timestamp, byte[] extensions, byte[] signature, long leafIndex) {
    }

    /**
     * A signed tree head (RFC 6962 3.5, 4.3).
     *
     * @param timestamp milliseconds since the epoch
     * @param signature the TLS-encoded {@code digitally-signed} TreeHeadSignature
     */
    record TreeHead(long treeSize, long timestamp, byte[] rootHash, byte[] signature) {
    }

    /** An audit path from a leaf to the root of a tree (RFC 6962 2.1.1). */
    record InclusionProof(long leafIndex, List<byte[]> auditPath) {
    }

    /** One logged entry: its MerkleTreeLeaf and its extra_data (RFC 6962 4.6). */
    record Entry(byte[] leafInput, byte[] extraData) {
    }

    /** One entry and its audit path to the root of the tree of the size asked for. */
    record EntryAndProof(Entry entry, List<byte[]> auditPath) {
    }
}
