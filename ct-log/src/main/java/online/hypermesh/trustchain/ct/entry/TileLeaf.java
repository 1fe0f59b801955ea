package online.hypermesh.trustchain.ct.entry;

import java.util.ArrayList;
import java.util.List;

import online.hypermesh.trustchain.ct.tls.TlsReader;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * One entry of a static-ct-api data tile: the {@link TimestampedEntry}, for a precert_entry the
 * submitted precertificate ({@code ASN.1Cert pre_certificate}), then
 * {@code Fingerprint certificate_chain<0..2^16-1>} with the SHA-256 of each issuer in the chain.
 */
public record TileLeaf(TimestampedEntry entry, byte[] preCertificate, List<byte[]> chainFingerprints) {

    public byte[] encode() {
        TlsWriter w = new TlsWriter(1024);
        entry.writeTo(w);
        if (entry.entry().type() == LogEntryType.PRECERT_ENTRY) {
            w.vector(preCertificate, 1, Limits.ASN1_CERT_MAX);
        }
        TlsWriter fingerprints = new TlsWriter(chainFingerprints.size() * Limits.HASH);
        for (byte[] fp : chainFingerprints) {
            fingerprints.fixed(fp, Limits.HASH);
        }
        w.vector(fingerprints.toByteArray(), 0, Limits.U16_MAX);
        return w.toByteArray();
    }

    /** Reads one TileLeaf from a data tile positioned at its start. */
    public static TileLeaf readFrom(TlsReader r) {
        TimestampedEntry entry = TimestampedEntry.readFrom(r);
        byte[] pre = entry.entry().type() == LogEntryType.PRECERT_ENTRY ? r.vector(1, Limits.ASN1_CERT_MAX) : null;
        TlsReader fps = r.subVector(0, Limits.U16_MAX);
        List<byte[]> chain = new ArrayList<>();
        while (fps.hasRemaining()) {
            chain.add(fps.fixed(Limits.HASH));
        }
        return new TileLeaf(entry, pre, chain);
    }
}
