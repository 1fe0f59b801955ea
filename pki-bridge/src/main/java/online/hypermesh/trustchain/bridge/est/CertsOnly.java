package online.hypermesh.trustchain.bridge.est;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.util.CollectionStore;

/**
 * The certs-only CMS SignedData EST answers with (RFC 7030 4.1.3 and 4.2.3, the Simple PKI
 * Response of RFC 5272 4.1): no signers, no content, only certificates.
 */
public final class CertsOnly {
    private CertsOnly() {
    }

    /** DER of a degenerate SignedData holding {@code certificates} (DER each) in this order. */
    public static byte[] encode(List<byte[]> certificates) {
        try {
            List<X509CertificateHolder> holders = new ArrayList<>();
            for (byte[] der : certificates) {
                holders.add(new X509CertificateHolder(der));
            }
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new CollectionStore<>(holders));
            return generator.generate(new CMSAbsentContent()).getEncoded("DER");
        } catch (IOException | CMSException e) {
            throw new IllegalStateException("a certs-only SignedData could not be built: " + e.getMessage(), e);
        }
    }

    /** The certificates of a certs-only SignedData (for tests and clients). */
    public static List<X509CertificateHolder> decode(byte[] der) {
        try {
            Collection<X509CertificateHolder> certificates = new CMSSignedData(der).getCertificates().getMatches(null);
            return List.copyOf(certificates);
        } catch (CMSException e) {
            throw EstError.badRequest("not a CMS SignedData: " + e.getMessage());
        }
    }
}
