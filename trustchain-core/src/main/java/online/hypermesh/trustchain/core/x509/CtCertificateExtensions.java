package online.hypermesh.trustchain.core.x509;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The two X.509 extensions of RFC 6962 section 3 that tie a certificate to a CT log. A
 * precertificate carries the critical poison extension, so no relying party can use it; the final
 * certificate carries the SCTs the log returned for the precertificate. Both are added as the
 * last extension so that removing either yields byte-identical TBSCertificates, which is what
 * an SCT over the precertificate signs (RFC 6962 3.2).
 */
public final class CtCertificateExtensions {
    /** Precertificate poison, critical, value ASN.1 NULL (RFC 6962 3.1). */
    public static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
    /** Embedded SignedCertificateTimestampList, non-critical (RFC 6962 3.3). */
    public static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

    /** DER of ASN.1 NULL. */
    private static final byte[] ASN1_NULL = {0x05, 0x00};

    private CtCertificateExtensions() {
    }

    public static Extension poison() {
        return extension(POISON, true, ASN1_NULL.clone());
    }

    /**
     * The SCT list extension around the TLS-encoded {@code SignedCertificateTimestampList}: RFC
     * 6962 3.3 wraps those bytes in an OCTET STRING, which itself is the extnValue's content.
     */
    public static Extension sctList(byte[] tlsEncodedSctList) {
        if (tlsEncodedSctList == null || tlsEncodedSctList.length < 2) {
            throw TrustChainException.internal("an SCT list extension needs at least one SCT", null);
        }
        return extension(SCT_LIST, false, der(new DEROctetString(tlsEncodedSctList)));
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
        return new Extension(oid, critical, new DEROctetString(value));
    }

    private static byte[] der(DEROctetString octets) {
        try {
            return octets.getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the SCT list extension", e);
        }
    }
}
