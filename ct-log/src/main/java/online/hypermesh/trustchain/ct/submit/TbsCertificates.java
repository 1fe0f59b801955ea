package online.hypermesh.trustchain.ct.submit;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Removes one extension from a TBSCertificate while keeping every other byte as it was, which is
 * how RFC 6962 section 3.2 relates a precertificate (minus the poison) and the final
 * certificate (minus the SCT list) to the same logged TBSCertificate.
 */
public final class TbsCertificates {
    /** RFC 6962 section 3.1 poison extension, critical, value ASN.1 NULL. */
    public static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
    /** RFC 6962 section 3.3 embedded SCT list extension. */
    public static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

    private TbsCertificates() {
    }

    /** The DER TBSCertificate of a DER certificate with the extension {@code oid} removed (if present). */
    public static byte[] tbsWithout(byte[] certificateDer, ASN1ObjectIdentifier oid) {
        try {
            ASN1Sequence tbs = ASN1Sequence.getInstance(Certificate.getInstance(certificateDer).getTBSCertificate().toASN1Primitive());
            ASN1EncodableVector fields = new ASN1EncodableVector(tbs.size());
            for (ASN1Encodable field : tbs) {
                if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    ASN1Sequence extensions = ASN1Sequence.getInstance(tagged.getExplicitBaseObject());
                    ASN1EncodableVector kept = new ASN1EncodableVector(extensions.size());
                    for (ASN1Encodable ext : extensions) {
                        if (!Extension.getInstance(ext).getExtnId().equals(oid)) {
                            kept.add(ext);
                        }
                    }
                    if (kept.size() > 0) {
                        fields.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
                    }
                } else {
                    fields.add(field);
                }
            }
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException | RuntimeException e) {
            throw new RejectedSubmissionException("cannot parse the certificate's TBSCertificate: " + e.getMessage(), e);
        }
    }
}
