package online.hypermesh.trustchain.ct.tls;

import java.io.ByteArrayOutputStream;

/**
 * Builds a TLS-encoded structure. Integers are big-endian of a fixed width; a vector
 * {@code opaque x<floor..ceiling>} is written with a length prefix of as many bytes as the
 * ceiling needs (1, 2 or 3 here), and a length outside its bounds is a programming error.
 * Not thread-safe; one writer per structure.
 */
public final class TlsWriter {
    private final ByteArrayOutputStream out;

    public TlsWriter() {
        this(64);
    }

    public TlsWriter(int expectedSize) {
        out = new ByteArrayOutputStream(expectedSize);
    }

    public TlsWriter u8(int value) {
        return unsigned(value, 1);
    }

    public TlsWriter u16(int value) {
        return unsigned(value, 2);
    }

    public TlsWriter u24(int value) {
        return unsigned(value, 3);
    }

    /** The 40-bit integer of the static-ct-api {@code leaf_index} extension. */
    public TlsWriter u40(long value) {
        return unsigned(value, 5);
    }

    /** A uint64; RFC 6962 only stores non-negative values (milliseconds, tree sizes) in it. */
    public TlsWriter u64(long value) {
        return unsigned(value, 8);
    }

    /** A fixed-length opaque array such as {@code opaque sha256_root_hash[32]}. */
    public TlsWriter fixed(byte[] bytes, int length) {
        if (bytes.length != length) {
            throw new IllegalArgumentException("fixed field needs " + length + " bytes, got " + bytes.length);
        }
        out.writeBytes(bytes);
        return this;
    }

    /** {@code opaque x<floor..ceiling>}: a length prefix sized for {@code ceiling}, then the bytes. */
    public TlsWriter vector(byte[] bytes, int floor, int ceiling) {
        if (bytes.length < floor || bytes.length > ceiling) {
            throw new IllegalArgumentException("vector length " + bytes.length + " outside <" + floor + ".." + ceiling + ">");
        }
        unsigned(bytes.length, TlsReader.prefixBytes(ceiling));
        out.writeBytes(bytes);
        return this;
    }

    /** Bytes already in TLS form (a nested structure written by another writer). */
    public TlsWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private TlsWriter unsigned(long value, int bytes) {
        if (value < 0 || (bytes < 8 && value >>> (8 * bytes) != 0)) {
            throw new IllegalArgumentException(value + " does not fit in " + bytes + " unsigned bytes");
        }
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
        return this;
    }
}
