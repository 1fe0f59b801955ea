package online.hypermesh.trustchain.ct.sct;

import java.util.Objects;

import online.hypermesh.trustchain.ct.entry.Limits;
import online.hypermesh.trustchain.ct.tls.TlsDecodingException;
import online.hypermesh.trustchain.ct.tls.TlsReader;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * RFC 6962 section 3.2 {@code SignedCertificateTimestamp}: sct_version v1(0), the 32-byte LogID,
 * the timestamp in milliseconds, the extensions, and the signature over
 * {@link SignatureInputs#certificateTimestamp}.
 */
public record SignedCertificateTimestamp(byte[] logId, long timestamp, byte[] extensions, DigitallySigned signature) {
    public static final int V1 = 0;

    public SignedCertificateTimestamp {
        logId = logId.clone();
        extensions = extensions.clone();
        Objects.requireNonNull(signature, "signature");
        if (logId.length != Limits.HASH) {
            throw new IllegalArgumentException("LogID must be 32 bytes");
        }
    }

    @Override
    public byte[] logId() {
        return logId.clone();
    }

    @Override
    public byte[] extensions() {
        return extensions.clone();
    }

    /** The serialized SCT, as in the SCT list of the certificate extension and TLS. */
    public byte[] encode() {
        TlsWriter w = new TlsWriter(128);
        w.u8(V1).fixed(logId, Limits.HASH).u64(timestamp).vector(extensions, 0, Limits.U16_MAX);
        signature.writeTo(w);
        return w.toByteArray();
    }

    public static SignedCertificateTimestamp decode(byte[] encoded) {
        TlsReader r = new TlsReader(encoded);
        int version = r.u8();
        if (version != V1) {
            throw new TlsDecodingException("unknown sct_version " + version);
        }
        SignedCertificateTimestamp sct = new SignedCertificateTimestamp(r.fixed(Limits.HASH), r.u64(),
                r.vector(0, Limits.U16_MAX), DigitallySigned.readFrom(r));
        r.finish();
        return sct;
    }
}
