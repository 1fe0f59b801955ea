package online.hypermesh.trustchain.ct.sct;

import online.hypermesh.trustchain.ct.entry.Limits;
import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/** The exact bytes a CT log signs (RFC 6962 sections 3.2 and 3.5); a verifier rebuilds the same bytes. */
public final class SignatureInputs {
    private static final int V1 = 0;
    private static final int CERTIFICATE_TIMESTAMP = 0;
    private static final int TREE_HASH = 1;

    private SignatureInputs() {
    }

    /**
     * The SCT's {@code digitally-signed struct}: sct_version, signature_type certificate_timestamp,
     * timestamp, entry_type, signed_entry and extensions.
     */
    public static byte[] certificateTimestamp(long timestamp, SignedEntry entry, byte[] extensions) {
        TlsWriter w = new TlsWriter(512);
        w.u8(V1).u8(CERTIFICATE_TIMESTAMP).u64(timestamp);
        entry.writeTo(w);
        w.vector(extensions, 0, Limits.U16_MAX);
        return w.toByteArray();
    }

    /** The {@code TreeHeadSignature}: version, signature_type tree_hash, timestamp, tree_size, sha256_root_hash. */
    public static byte[] treeHead(long timestamp, long treeSize, byte[] rootHash) {
        return new TlsWriter(50).u8(V1).u8(TREE_HASH).u64(timestamp).u64(treeSize).fixed(rootHash, Limits.HASH).toByteArray();
    }
}
