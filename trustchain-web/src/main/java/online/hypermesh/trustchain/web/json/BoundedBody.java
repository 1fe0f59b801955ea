package online.hypermesh.trustchain.web.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** Reads a request body up to a limit, so an oversized body is refused before it is buffered whole. */
public final class BoundedBody {
    /** A CSR is at most 64 KiB (CsrValidator); JSON escaping and the other fields fit in twice that. */
    public static final int MAX_BYTES = 128 * 1024;

    private BoundedBody() {
    }

    public static byte[] read(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > MAX_BYTES) {
                    throw TrustChainException.malformed("the request body exceeds " + MAX_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw TrustChainException.malformed("the request body could not be read: " + e.getMessage());
        }
    }
}
