package online.hypermesh.trustchain.core.revocation;

import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.OCSPReq;

/**
 * The request nonce (RFC 6960 4.4.1) under the RFC 8954 rules: {@code Nonce ::= OCTET STRING
 * (SIZE(1..32))}. Longer nonces are refused because they let a client make the responder sign
 * attacker-chosen bytes of any size; the extension is echoed unchanged in the response.
 */
final class OcspNonce {
    static final int MAX_LENGTH = 32;

    private OcspNonce() {
    }

    /** Empty if the request has no nonce; throws {@link IllegalArgumentException} if the nonce is not valid. */
    static Optional<Extension> of(OCSPReq request) {
        Extension ext = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (ext == null) {
            return Optional.empty();
        }
        byte[] nonce;
        try {
            nonce = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(ext.getExtnValue().getOctets())).getOctets();
        } catch (Exception e) {
            throw new IllegalArgumentException("the nonce is not an OCTET STRING", e);
        }
        if (nonce.length < 1 || nonce.length > MAX_LENGTH) {
            throw new IllegalArgumentException("the nonce must be 1 to " + MAX_LENGTH + " octets, not " + nonce.length);
        }
        return Optional.of(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, ext.getExtnValue()));
    }
}
