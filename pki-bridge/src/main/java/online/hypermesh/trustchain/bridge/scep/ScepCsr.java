package online.hypermesh.trustchain.bridge.scep;

import java.util.Optional;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The PKCS#10 request inside a PKCSReq or RenewalReq envelope and its challengePassword
 * (PKCS#9, RFC 2985 5.4.1). The CA's CSR validator checks signature, key and names again.
 */
public record ScepCsr(byte[] der, PKCS10CertificationRequest request) {

    public static ScepCsr parse(byte[] der) {
        try {
            return new ScepCsr(der.clone(), new PKCS10CertificationRequest(der));
        } catch (java.io.IOException | RuntimeException e) {
            throw new ScepFailure(FailInfo.BAD_REQUEST, "the pkcsPKIEnvelope does not hold a PKCS#10 request: " + e.getMessage());
        }
    }

    /** The challengePassword attribute's value, if the request has exactly one. */
    public Optional<String> challengePassword() {
        Attribute[] attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
        if (attributes.length != 1 || attributes[0].getAttrValues().size() != 1
                || !(attributes[0].getAttrValues().getObjectAt(0) instanceof ASN1String value)) {
            return Optional.empty();
        }
        return Optional.of(value.getString());
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}
