package online.hypermesh.trustchain.bridge.est;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The CsrAttrs of RFC 7030 4.5.2 ({@code SEQUENCE OF AttrOrOID}): what the CA would like in a
 * request. Here the key: an {@code id-ecPublicKey} attribute whose value is the curve (the form of
 * the RFC's own example), and the signature algorithm as a bare OID.
 */
public final class CsrAttributes {
    private CsrAttributes() {
    }

    /** DER of a CsrAttrs asking for an EC key on {@code curve} and a request signed with {@code signature}. */
    public static byte[] ecKey(ASN1ObjectIdentifier curve, ASN1ObjectIdentifier signature) {
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(new Attribute(X9ObjectIdentifiers.id_ecPublicKey, new DERSet(curve)));
        attrs.add(signature);
        try {
            return new DERSequence(attrs).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
