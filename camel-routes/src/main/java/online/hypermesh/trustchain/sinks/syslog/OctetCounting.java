package online.hypermesh.trustchain.sinks.syslog;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 5425 section 4.3 framing (octet counting, RFC 6587 3.4.1): {@code MSG-LEN SP SYSLOG-MSG},
 * MSG-LEN the message's length in octets as a decimal number without leading zeros.
 */
public final class OctetCounting {
    private OctetCounting() {
    }

    public static byte[] frame(byte[] message) {
        if (message.length == 0) {
            throw new IllegalArgumentException("a syslog message is never empty");
        }
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(message, 0, out, prefix.length, message.length);
        return out;
    }

    /**
     * Reads one frame and returns its message; null at a clean end of stream before a frame.
     *
     * @throws IOException for a malformed length or a stream that ends inside a frame
     */
    public static byte[] read(InputStream in, int maxLength) throws IOException {
        int b = in.read();
        if (b < 0) {
            return null;
        }
        long length = 0;
        int digits = 0;
        while (b != ' ') {
            if (b < '0' || b > '9' || (digits == 0 && b == '0')) {
                throw new IOException("not an octet-counted frame: byte " + b + " in MSG-LEN");
            }
            length = length * 10 + (b - '0');
            if (++digits > 9 || length > maxLength) {
                throw new IOException("frame longer than " + maxLength + " octets");
            }
            b = in.read();
            if (b < 0) {
                throw new EOFException("stream ended in MSG-LEN");
            }
        }
        if (digits == 0) {
            throw new IOException("not an octet-counted frame: empty MSG-LEN");
        }
        byte[] message = in.readNBytes((int) length);
        if (message.length < length) {
            throw new EOFException("stream ended inside a frame of " + length + " octets");
        }
        return message;
    }

    /** Every frame of a byte sequence (a test's or a tool's view of a captured stream). */
    public static java.util.List<byte[]> readAll(byte[] stream, int maxLength) throws IOException {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        InputStream in = new java.io.ByteArrayInputStream(stream);
        for (byte[] m = read(in, maxLength); m != null; m = read(in, maxLength)) {
            out.add(m);
        }
        return out;
    }

    static byte[] concat(java.util.List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
