package online.hypermesh.trustchain.ct.entry;

import java.util.ArrayList;
import java.util.List;

import online.hypermesh.trustchain.ct.tls.TlsReader;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * The {@code extra_data} of get-entries (RFC 6962 section 4.6): for an x509_entry the
 * {@code ASN.1Cert certificate_chain<0..2^24-1>}; for a precert_entry the
 * {@code PrecertChainEntry} of the submitted precertificate and its chain. The chain runs from
 * the leaf's issuer up to and including the accepted root.
 */
public final class ExtraData {

    private ExtraData() {
    }

    public static byte[] x509Chain(List<byte[]> chain) {
        TlsWriter w = new TlsWriter(4096);
        w.raw(chainVector(chain));
        return w.toByteArray();
    }

    public static byte[] precertChain(byte[] preCertificate, List<byte[]> chain) {
        TlsWriter w = new TlsWriter(4096);
        w.vector(preCertificate, 1, Limits.ASN1_CERT_MAX);
        w.raw(chainVector(chain));
        return w.toByteArray();
    }

    /** The chain of an x509_entry's extra_data. */
    public static List<byte[]> readX509Chain(byte[] extraData) {
        TlsReader r = new TlsReader(extraData);
        List<byte[]> chain = readChain(r);
        r.finish();
        return chain;
    }

    private static byte[] chainVector(List<byte[]> chain) {
        TlsWriter inner = new TlsWriter(4096);
        for (byte[] cert : chain) {
            inner.vector(cert, 1, Limits.ASN1_CERT_MAX);
        }
        return new TlsWriter(4096).vector(inner.toByteArray(), 0, Limits.CHAIN_MAX).toByteArray();
    }

    static List<byte[]> readChain(TlsReader r) {
        TlsReader inner = r.subVector(0, Limits.CHAIN_MAX);
        List<byte[]> chain = new ArrayList<>();
        while (inner.hasRemaining()) {
            chain.add(inner.vector(1, Limits.ASN1_CERT_MAX));
        }
        return chain;
    }
}
