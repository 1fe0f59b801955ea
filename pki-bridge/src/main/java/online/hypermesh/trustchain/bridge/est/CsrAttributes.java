package online.hypermesh.trustchain.bridge.est;

import java.io.IOException;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The CsrAttrs of RFC 7030 4.5.2 ({@code SEQUENCE OF AttrOrOID}): what the CA would like in a
 * request. The key: an {@code id-ecPublicKey} attribute whose value is the curve (the form of the
 * RFC's own example), and the signature algorithm as a bare OID. Per profile (the label): an
 * {@code extensionRequest} attribute holding the extended key usage the certificate will carry, as
 * an Extensions template (RFC 9908 section 3.3), so a client can build the request its profile gets.
 */
public final class CsrAttributes {
    private CsrAttributes() {
    }

    /** DER of a CsrAttrs asking for an EC key on {@code curve}, a request signed with {@code signature}, and the profile's {@code purposes}. */
    public static byte[] forProfile(ASN1ObjectIdentifier curve, ASN1ObjectIdentifier signature, List<KeyPurposeId> purposes) {
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(new Attribute(X9ObjectIdentifiers.id_ecPublicKey, new DERSet(curve)));
        attrs.add(signature);
        try {
            Extension eku = new Extension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)).getEncoded("DER"));
            attrs.add(new Attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new DERSet(new Extensions(eku))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            return new DERSequence(attrs).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
