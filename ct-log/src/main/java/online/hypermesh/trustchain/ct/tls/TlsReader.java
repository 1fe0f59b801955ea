package online.hypermesh.trustchain.ct.tls;

import java.util.Arrays;

/**
 * Reads a TLS-encoded structure from untrusted bytes. Every read checks that the bytes are
 * there and every vector length against its declared bounds, and throws
 * {@link TlsDecodingException} otherwise, so a parser built on it cannot read past its input
 * or accept a length the structure forbids. Call {@link #finish()} to reject trailing bytes.
 */
public final class TlsReader {
    private final byte[] data;
    private final int end;
    private int position;

    public TlsReader(byte[] data) {
        this(data, 0, data.length);
    }

    private TlsReader(byte[] data, int start, int end) {
        this.data = data;
        this.position = start;
        this.end = end;
    }

    public int u8() {
        return (int) unsigned(1);
    }

    public int u16() {
        return (int) unsigned(2);
    }

    public int u24() {
        return (int) unsigned(3);
    }

    public long u40() {
        return unsigned(5);
    }

    /** A uint64 that must fit in a signed long (RFC 6962 values are times and sizes). */
    public long u64() {
        long value = unsigned(8);
        if (value < 0) {
            throw new TlsDecodingException("uint64 value too large");
        }
        return value;
    }

    public byte[] fixed(int length) {
        require(length);
        byte[] bytes = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return bytes;
    }

    /** {@code opaque x<floor..ceiling>}. */
    public byte[] vector(int floor, int ceiling) {
        int length = (int) unsigned(prefixBytes(ceiling));
        if (length < floor || length > ceiling) {
            throw new TlsDecodingException("vector length " + length + " outside <" + floor + ".." + ceiling + ">");
        }
        return fixed(length);
    }

    /** A reader over the next vector's contents, for a vector of structures. */
    public TlsReader subVector(int floor, int ceiling) {
        int length = (int) unsigned(prefixBytes(ceiling));
        if (length < floor || length > ceiling) {
            throw new TlsDecodingException("vector length " + length + " outside <" + floor + ".." + ceiling + ">");
        }
        require(length);
        TlsReader inner = new TlsReader(data, position, position + length);
        position += length;
        return inner;
    }

    public boolean hasRemaining() {
        return position < end;
    }

    /** Throws unless every byte was consumed. */
    public void finish() {
        if (position != end) {
            throw new TlsDecodingException((end - position) + " trailing bytes");
        }
    }

    /** Length-prefix width for a vector whose maximum length is {@code ceiling}. */
    static int prefixBytes(int ceiling) {
        if (ceiling <= 0xff) {
            return 1;
        }
        if (ceiling <= 0xffff) {
            return 2;
        }
        if (ceiling <= 0xffffff) {
            return 3;
        }
        return 4;
    }

    private long unsigned(int bytes) {
        require(bytes);
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | (data[position++] & 0xff);
        }
        return value;
    }

    private void require(int length) {
        if (length < 0 || end - position < length) {
            throw new TlsDecodingException("truncated: need " + length + " bytes, have " + (end - position));
        }
    }
}
