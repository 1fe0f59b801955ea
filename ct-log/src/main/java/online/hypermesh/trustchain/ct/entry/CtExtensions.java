package online.hypermesh.trustchain.ct.entry;

import java.util.OptionalLong;

import online.hypermesh.trustchain.ct.tls.TlsDecodingException;
import online.hypermesh.trustchain.ct.tls.TlsReader;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * The contents of {@code CtExtensions} as static-ct-api defines them: a list of
 * {@code struct { uint8 extension_type; opaque extension_data<0..2^16-1>; }}, of which this log
 * writes exactly one, {@code leaf_index(0)} with a big-endian 40-bit index (8 bytes in all).
 */
public final class CtExtensions {
    /** {@code leaf_index(0)}. */
    public static final int LEAF_INDEX = 0;
    /** The largest index a uint40 can carry. */
    public static final long MAX_LEAF_INDEX = (1L << 40) - 1;

    private CtExtensions() {
    }

    /** The extensions field of an entry at {@code leafIndex}: 0x00, 0x0005, then five index bytes. */
    public static byte[] leafIndex(long leafIndex) {
        if (leafIndex < 0 || leafIndex > MAX_LEAF_INDEX) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " does not fit in 40 bits");
        }
        byte[] index = new TlsWriter(5).u40(leafIndex).toByteArray();
        return new TlsWriter(8).u8(LEAF_INDEX).vector(index, 0, Limits.U16_MAX).toByteArray();
    }

    /**
     * The leaf_index in an extensions field, if present. Rejects malformed lists, duplicate
     * types (forbidden by the spec) and a leaf_index whose data is not exactly five bytes.
     */
    public static OptionalLong findLeafIndex(byte[] extensions) {
        TlsReader r = new TlsReader(extensions);
        OptionalLong found = OptionalLong.empty();
        boolean[] seen = new boolean[256];
        while (r.hasRemaining()) {
            int type = r.u8();
            byte[] data = r.vector(0, Limits.U16_MAX);
            if (seen[type]) {
                throw new TlsDecodingException("duplicate extension type " + type);
            }
            seen[type] = true;
            if (type == LEAF_INDEX) {
                if (data.length != 5) {
                    throw new TlsDecodingException("leaf_index must be 5 bytes, got " + data.length);
                }
                found = OptionalLong.of(new TlsReader(data).u40());
            }
        }
        return found;
    }
}
