package online.hypermesh.trustchain.ct.sct;

/**
 * What a tree head's signature covers (RFC 6962 3.5 TreeHeadSignature), as its parts. The same
 * signature serves the static-ct-api checkpoint (an RFC6962NoteSignature wraps it).
 */
public record TreeHeadInput(long timestamp, long treeSize, byte[] rootHash) {

    /** The exact bytes signed: version, signature_type tree_hash, timestamp, tree_size, sha256_root_hash. */
    public byte[] encode() {
        return SignatureInputs.treeHead(timestamp, treeSize, rootHash);
    }
}
