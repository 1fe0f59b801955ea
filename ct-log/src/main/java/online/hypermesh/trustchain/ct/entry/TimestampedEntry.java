package online.hypermesh.trustchain.ct.entry;

import java.util.Objects;

import online.hypermesh.trustchain.ct.tls.TlsReader;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * RFC 6962 section 3.4 {@code TimestampedEntry}: {@code uint64 timestamp}, the entry type and
 * signed entry, and {@code CtExtensions extensions<0..2^16-1>} (here always the SCT's extensions,
 * as the RFC requires, so they include the leaf_index).
 */
public record TimestampedEntry(long timestamp, SignedEntry entry, byte[] extensions) {

    public TimestampedEntry {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be non-negative");
        }
        Objects.requireNonNull(entry, "entry");
        extensions = extensions.clone();
        if (extensions.length > Limits.U16_MAX) {
            throw new IllegalArgumentException("extensions too long");
        }
    }

    @Override
    public byte[] extensions() {
        return extensions.clone();
    }

    public void writeTo(TlsWriter w) {
        w.u64(timestamp);
        entry.writeTo(w);
        w.vector(extensions, 0, Limits.U16_MAX);
    }

    public static TimestampedEntry readFrom(TlsReader r) {
        long timestamp = r.u64();
        SignedEntry entry = SignedEntry.readFrom(r);
        return new TimestampedEntry(timestamp, entry, r.vector(0, Limits.U16_MAX));
    }
}
