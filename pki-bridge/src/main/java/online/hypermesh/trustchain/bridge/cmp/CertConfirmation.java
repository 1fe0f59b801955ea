package online.hypermesh.trustchain.bridge.cmp;

import java.math.BigInteger;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CertificateConfirmationContent;
import org.bouncycastle.cert.cmp.CertificateStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;

/**
 * A certConf (RFC 4210 5.3.18) for the one certificate of a transaction: whether the client
 * accepts it, after its certHash matched the certificate issued (hashed as RFC 9810 5.3.18 says:
 * with hashAlg if given, else the digest of the certificate's signature algorithm).
 *
 * @param accepted false if the client's statusInfo rejects the certificate
 * @param reason   the client's statusString, or null
 */
public record CertConfirmation(BigInteger certReqId, boolean accepted, String reason) {
    private static final DigestCalculatorProvider DIGESTS = new BcDigestCalculatorProvider();

    /** @throws CmpFailure if the body does not confirm exactly {@code issued} under {@code certReqId} */
    public static CertConfirmation of(PKIBody body, X509CertificateHolder issued, long certReqId) {
        CertificateStatus[] statuses;
        try {
            statuses = CertificateConfirmationContent.fromPKIBody(body).getStatusMessages();
        } catch (RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "the certConf body is not CertConfirmContent (RFC 4210 5.3.18)");
        }
        if (statuses.length != 1) {
            throw CmpFailure.badRequest("the certConf holds " + statuses.length + " statuses; this transaction issued one certificate");
        }
        CertificateStatus status = statuses[0];
        if (status.getCertRequestID() == null || status.getCertRequestID().longValue() != certReqId) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "the certConf names certReqId " + status.getCertRequestID()
                    + "; the certificate was issued for certReqId " + certReqId);
        }
        boolean matches;
        try {
            matches = status.isVerified(issued, DIGESTS);
        } catch (Exception e) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "the certHash cannot be checked: " + e.getMessage());
        }
        if (!matches) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "the certHash is not the hash of the certificate issued in this transaction");
        }
        PKIStatusInfo info = status.getStatusInfo();
        boolean accepted = info == null || info.getStatus().intValue() == PKIStatus.GRANTED || info.getStatus().intValue() == PKIStatus.GRANTED_WITH_MODS;
        String reason = info != null && info.getStatusString() != null && info.getStatusString().size() > 0
                ? info.getStatusString().getStringAtUTF8(0).getString() : null;
        return new CertConfirmation(status.getCertRequestID(), accepted, reason);
    }
}
