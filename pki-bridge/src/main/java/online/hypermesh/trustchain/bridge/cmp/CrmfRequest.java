package online.hypermesh.trustchain.bridge.cmp;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.crmf.AttributeTypeAndValue;
import org.bouncycastle.asn1.crmf.CRMFObjectIdentifiers;
import org.bouncycastle.asn1.crmf.CertId;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.crmf.CertReqMsg;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.crmf.CertificateRequestMessage;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The one CRMF request (RFC 4211) of an ir, cr or kur, after its proof of possession verified: a
 * signature by the template's key over the CertRequest (RFC 4211 4.1, POPOSigningKey without
 * poposkInput). RFC 9483 4.1.1 allows one request per message; raVerified and the encryption
 * methods are refused, since this server has no RA in front of it and no encryption key to offer.
 *
 * @param der        the CertReqMsg as received, kept as the request's record
 * @param subject    the template's subject, or null
 * @param extensions the template's extensions (the subjectAltName among them), or null
 * @param notAfter   the validity end the client asked for, or null
 * @param oldCert    the certificate a kur updates (the oldCertID control, RFC 4211 6.5), or null
 */
public record CrmfRequest(long certReqId, byte[] der, SubjectPublicKeyInfo publicKey, X500Name subject, Extensions extensions,
                          Instant notAfter, OldCertId oldCert) {
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    /** The certificate named by oldCertID: its issuer and serial number. */
    public record OldCertId(X500Name issuer, BigInteger serial) {
    }

    /** @throws CmpFailure for anything but one request with a key and a verifying signature POP */
    public static CrmfRequest of(PKIBody body) {
        CertReqMsg[] messages;
        try {
            messages = CertReqMessages.getInstance(body.getContent()).toCertReqMsgArray();
        } catch (RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "the " + BodyNames.of(body.getType()) + " body is not CertReqMessages (RFC 4211)");
        }
        if (messages.length != 1) {
            throw CmpFailure.badRequest("the " + BodyNames.of(body.getType()) + " holds " + messages.length
                    + " certificate requests; send exactly one (RFC 9483 4.1.1)");
        }
        CertificateRequestMessage request = new CertificateRequestMessage(messages[0]);
        CertTemplate template = request.getCertTemplate();
        SubjectPublicKeyInfo key = template.getPublicKey();
        if (key == null) {
            throw new CmpFailure(PKIFailureInfo.badCertTemplate, "the certificate template has no public key; central key generation is not supported");
        }
        verifyPop(request, key);
        long id;
        try {
            id = request.getCertReqId().getValue().longValueExact();
        } catch (ArithmeticException e) {
            throw CmpFailure.badRequest("certReqId is out of range");
        }
        byte[] der;
        try {
            der = messages[0].getEncoded();
        } catch (IOException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "the certificate request cannot be re-encoded");
        }
        Instant notAfter = null;
        if (template.getValidity() != null && template.getValidity().getNotAfter() != null) {
            notAfter = Time.getInstance(template.getValidity().getNotAfter()).getDate().toInstant();
        }
        return new CrmfRequest(id, der, key, template.getSubject(), template.getExtensions(), notAfter, oldCertId(messages[0]));
    }

    private static void verifyPop(CertificateRequestMessage request, SubjectPublicKeyInfo key) {
        if (!request.hasProofOfPossession()) {
            throw new CmpFailure(PKIFailureInfo.badPOP, "the request has no proof of possession; sign it with the new key (openssl cmp -popo 1)");
        }
        if (request.getProofOfPossessionType() != CertificateRequestMessage.popSigningKey) {
            throw new CmpFailure(PKIFailureInfo.badPOP, "only proof of possession by signature is accepted (RFC 4211 4.1; openssl cmp -popo 1)");
        }
        if (request.hasSigningKeyProofOfPossessionWithPKMAC()) {
            throw new CmpFailure(PKIFailureInfo.badPOP, "a POPOSigningKey with poposkInput is not supported; put subject and key in the template");
        }
        boolean valid;
        try {
            valid = request.isValidSigningKeyPOP(new JcaContentVerifierProviderBuilder().setProvider(PROVIDER).build(key));
        } catch (Exception e) {
            throw new CmpFailure(PKIFailureInfo.badPOP, "the proof of possession cannot be checked: " + e.getMessage());
        }
        if (!valid) {
            throw new CmpFailure(PKIFailureInfo.badPOP, "the proof-of-possession signature does not verify with the template's public key");
        }
    }

    /** Read from the raw controls: Bouncy Castle's Control wrappers know only the registration-token kinds. */
    private static OldCertId oldCertId(CertReqMsg message) {
        if (message.getCertReq().getControls() == null) {
            return null;
        }
        AttributeTypeAndValue control = null;
        for (AttributeTypeAndValue c : message.getCertReq().getControls().toAttributeTypeAndValueArray()) {
            if (CRMFObjectIdentifiers.id_regCtrl_oldCertID.equals(c.getType())) {
                control = c;
            }
        }
        if (control == null) {
            return null;
        }
        try {
            CertId id = CertId.getInstance(control.getValue());
            X500Name issuer = id.getIssuer().getTagNo() == GeneralName.directoryName ? X500Name.getInstance(id.getIssuer().getName()) : null;
            return new OldCertId(issuer, id.getSerialNumber().getValue());
        } catch (RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "the oldCertID control is not a CertId (RFC 4211 6.5)");
        }
    }
}
