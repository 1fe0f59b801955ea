package online.hypermesh.trustchain.ct.sct;

import java.util.ArrayList;
import java.util.List;

import online.hypermesh.trustchain.ct.entry.Limits;
import online.hypermesh.trustchain.ct.tls.TlsReader;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * RFC 6962 section 3.3 {@code SignedCertificateTimestampList}:
 * {@code SerializedSCT sct_list<1..2^16-1>} with {@code opaque SerializedSCT<1..2^16-1>}. The
 * X.509 extension 1.3.6.1.4.1.11129.2.4.2 carries these bytes inside an OCTET STRING.
 */
public final class SctList {
    /** OID of the embedded SCT list extension. */
    public static final String EXTENSION_OID = "1.3.6.1.4.1.11129.2.4.2";

    private SctList() {
    }

    public static byte[] encode(List<SignedCertificateTimestamp> scts) {
        if (scts.isEmpty()) {
            throw new IllegalArgumentException("an SCT list holds at least one SCT");
        }
        TlsWriter inner = new TlsWriter(128 * scts.size());
        for (SignedCertificateTimestamp sct : scts) {
            inner.vector(sct.encode(), 1, Limits.U16_MAX);
        }
        return new TlsWriter().vector(inner.toByteArray(), 1, Limits.U16_MAX).toByteArray();
    }

    public static List<SignedCertificateTimestamp> decode(byte[] encoded) {
        TlsReader r = new TlsReader(encoded);
        TlsReader inner = r.subVector(1, Limits.U16_MAX);
        r.finish();
        List<SignedCertificateTimestamp> scts = new ArrayList<>();
        while (inner.hasRemaining()) {
            scts.add(SignedCertificateTimestamp.decode(inner.vector(1, Limits.U16_MAX)));
        }
        return scts;
    }
}
