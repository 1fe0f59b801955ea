package online.hypermesh.trustchain.ct.sct;

import online.hypermesh.trustchain.ct.entry.Limits;
import online.hypermesh.trustchain.ct.tls.TlsDecodingException;
import online.hypermesh.trustchain.ct.tls.TlsReader;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * RFC 5246 section 4.7 {@code digitally-signed} as RFC 6962 uses it: {@code HashAlgorithm}
 * sha256(4), {@code SignatureAlgorithm} ecdsa(3) (this log's only key type, a P-256 key), and
 * {@code opaque signature<0..2^16-1>} holding the DER ECDSA-Sig-Value.
 */
public record DigitallySigned(byte[] signature) {
    public static final int SHA256 = 4;
    public static final int ECDSA = 3;

    public DigitallySigned {
        signature = signature.clone();
        if (signature.length > Limits.U16_MAX) {
            throw new IllegalArgumentException("signature too long");
        }
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public void writeTo(TlsWriter w) {
        w.u8(SHA256).u8(ECDSA).vector(signature, 0, Limits.U16_MAX);
    }

    public byte[] encode() {
        TlsWriter w = new TlsWriter(signature.length + 4);
        writeTo(w);
        return w.toByteArray();
    }

    public static DigitallySigned readFrom(TlsReader r) {
        int hash = r.u8();
        int sig = r.u8();
        if (hash != SHA256 || sig != ECDSA) {
            throw new TlsDecodingException("expected sha256/ecdsa (4/3), got " + hash + "/" + sig);
        }
        return new DigitallySigned(r.vector(0, Limits.U16_MAX));
    }

    public static DigitallySigned decode(byte[] encoded) {
        TlsReader r = new TlsReader(encoded);
        DigitallySigned ds = readFrom(r);
        r.finish();
        return ds;
    }
}
