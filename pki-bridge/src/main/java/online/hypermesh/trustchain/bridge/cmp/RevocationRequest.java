package online.hypermesh.trustchain.bridge.cmp;

import java.math.BigInteger;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.RevDetails;
import org.bouncycastle.asn1.cmp.RevReqContent;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The one revocation request (RFC 4210 5.3.9, RFC 9483 4.2) of an rr: the certificate by issuer
 * and serial number in the template, and the reason from the crlEntryDetails' reasonCode.
 *
 * @param issuer     the template's issuer, or null
 * @param reasonCode the RFC 5280 CRLReason code, or null if the request gave none
 */
public record RevocationRequest(BigInteger serial, X500Name issuer, Integer reasonCode) {

    public static RevocationRequest of(PKIBody body) {
        RevDetails[] details;
        try {
            details = RevReqContent.getInstance(body.getContent()).toRevDetailsArray();
        } catch (RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "the rr body is not RevReqContent (RFC 4210 5.3.9)");
        }
        if (details.length != 1) {
            throw CmpFailure.badRequest("the rr names " + details.length + " certificates; revoke one per request (RFC 9483 4.2)");
        }
        CertTemplate template = details[0].getCertDetails();
        if (template.getSerialNumber() == null) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "the revocation request's template has no serialNumber");
        }
        Integer reason = null;
        if (details[0].getCrlEntryDetails() != null) {
            Extension e = details[0].getCrlEntryDetails().getExtension(Extension.reasonCode);
            if (e != null) {
                try {
                    reason = CRLReason.getInstance(e.getParsedValue()).getValue().intValueExact();
                } catch (RuntimeException ex) {
                    throw new CmpFailure(PKIFailureInfo.badDataFormat, "the reasonCode of the revocation request is not a CRLReason");
                }
            }
        }
        return new RevocationRequest(template.getSerialNumber().getValue(), template.getIssuer(), reason);
    }
}
