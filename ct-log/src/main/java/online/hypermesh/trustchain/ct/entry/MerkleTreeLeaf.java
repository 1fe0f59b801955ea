package online.hypermesh.trustchain.ct.entry;

import online.hypermesh.trustchain.ct.tls.TlsDecodingException;
import online.hypermesh.trustchain.ct.tls.TlsReader;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * RFC 6962 section 3.4 {@code MerkleTreeLeaf}: {@code Version version} (v1 = 0),
 * {@code MerkleLeafType leaf_type} (timestamped_entry = 0) and the {@link TimestampedEntry}.
 * Its encoding is the {@code leaf_input} of get-entries and what the leaf hash is taken over.
 */
public final class MerkleTreeLeaf {
    private static final int V1 = 0;
    private static final int TIMESTAMPED_ENTRY = 0;

    private MerkleTreeLeaf() {
    }

    public static byte[] encode(TimestampedEntry entry) {
        TlsWriter w = new TlsWriter(256);
        w.u8(V1).u8(TIMESTAMPED_ENTRY);
        entry.writeTo(w);
        return w.toByteArray();
    }

    public static TimestampedEntry decode(byte[] leafInput) {
        TlsReader r = new TlsReader(leafInput);
        int version = r.u8();
        if (version != V1) {
            throw new TlsDecodingException("unknown MerkleTreeLeaf version " + version);
        }
        int leafType = r.u8();
        if (leafType != TIMESTAMPED_ENTRY) {
            throw new TlsDecodingException("unknown MerkleLeafType " + leafType);
        }
        TimestampedEntry entry = TimestampedEntry.readFrom(r);
        r.finish();
        return entry;
    }
}
