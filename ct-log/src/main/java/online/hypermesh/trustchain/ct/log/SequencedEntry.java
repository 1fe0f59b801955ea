package online.hypermesh.trustchain.ct.log;

/**
 * One entry as the sequencer hands it to the store: position, hashes, and every encoding the
 * read paths serve, so reads never re-derive them.
 *
 * @param leafIndex    position in the tree
 * @param identityHash SHA-256 of entry type and signed entry, unique per log (duplicate detection)
 * @param leafHash     RFC 6962 leaf hash of {@code leafInput}
 * @param timestamp    the SCT and TimestampedEntry timestamp, ms since the epoch
 * @param leafInput    the MerkleTreeLeaf (get-entries leaf_input)
 * @param extraData    get-entries extra_data
 * @param tileLeaf     the static-ct-api data tile entry
 * @param sct          the serialized SCT returned for it
 */
public record SequencedEntry(long leafIndex, byte[] identityHash, byte[] leafHash, long timestamp, byte[] leafInput,
                             byte[] extraData, byte[] tileLeaf, byte[] sct) {
}
