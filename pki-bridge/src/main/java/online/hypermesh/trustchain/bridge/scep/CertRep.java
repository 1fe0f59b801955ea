package online.hypermesh.trustchain.bridge.scep;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds CertRep messages (RFC 8894 3.3.2): SignedData by the RA key with messageType 3,
 * pkiStatus, failInfo (FAILURE only), the request's transactionID, a fresh senderNonce and the
 * request's senderNonce as recipientNonce. A SUCCESS carries the certificates as a degenerate
 * certs-only SignedData (issued certificate first), encrypted with AES-128-CBC to the certificate
 * that signed the request.
 *
 * <p>Everything is DER, not the BER Bouncy Castle writes by default: BER splits a long octet
 * string into chunks, and clients such as micromdm's (Go's pkcs7) then digest the wrong bytes.
 */
public final class CertRep {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertRep() {
    }

    /** @param certificates the issued certificate first, then its issuing chain */
    public static byte[] success(PkiMessage request, List<X509CertificateHolder> certificates, RaKey ra) {
        byte[] enveloped;
        try {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(
                    new JcaX509CertificateConverter().setProvider(PkiMessage.PROVIDER).getCertificate(request.signer()))
                    .setProvider(PkiMessage.PROVIDER));
            enveloped = generator.generate(new CMSProcessableByteArray(degenerate(certificates)),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(PkiMessage.PROVIDER).build())
                    .toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (CertificateException | CMSException | IOException | RuntimeException e) {
            throw new ScepFailure(FailInfo.BAD_ALG, "the certificate cannot be encrypted to the request's signer certificate "
                    + "(it needs an RSA key): " + e.getMessage());
        }
        return signed(request, ra, PkiStatus.SUCCESS, null, new CMSProcessableByteArray(enveloped));
    }

    public static byte[] failure(PkiMessage request, FailInfo failInfo, RaKey ra) {
        return signed(request, ra, PkiStatus.FAILURE, failInfo, new CMSAbsentContent());
    }

    /**
     * RFC 8894 3.3.2: the request waits (here for a second officer); the client polls with
     * CertPoll, or sends the same request again, with the same transactionID.
     */
    public static byte[] pending(PkiMessage request, RaKey ra) {
        return signed(request, ra, PkiStatus.PENDING, null, new CMSAbsentContent());
    }

    /** A certs-only ("degenerate") SignedData: GetCACert with an RA, and the content of a SUCCESS. */
    public static byte[] degenerate(List<X509CertificateHolder> certificates) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            for (X509CertificateHolder certificate : certificates) {
                generator.addCertificate(certificate);
            }
            return generator.generate(new CMSAbsentContent()).toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException e) {
            throw new IllegalStateException("a certs-only SignedData of parsed certificates always encodes", e);
        }
    }

    private static byte[] signed(PkiMessage request, RaKey ra, PkiStatus status, FailInfo failInfo, CMSTypedData content) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(attribute(ScepAttributes.MESSAGE_TYPE, new DERPrintableString(Integer.toString(MessageType.CERT_REP.code()))));
        attributes.add(attribute(ScepAttributes.PKI_STATUS, new DERPrintableString(Integer.toString(status.code()))));
        if (failInfo != null) {
            attributes.add(attribute(ScepAttributes.FAIL_INFO, new DERPrintableString(Integer.toString(failInfo.code()))));
        }
        attributes.add(attribute(ScepAttributes.TRANSACTION_ID, new DERPrintableString(request.transactionId())));
        attributes.add(attribute(ScepAttributes.SENDER_NONCE, new DEROctetString(nonce)));
        attributes.add(attribute(ScepAttributes.RECIPIENT_NONCE, new DEROctetString(request.senderNonce())));
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .setProvider(PkiMessage.PROVIDER).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(ra.signer(), ra.certificate()));
            generator.addCertificate(ra.certificate());
            return generator.generate(content, !(content instanceof CMSAbsentContent)).toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | IOException e) {
            throw new IllegalStateException("cannot sign a CertRep with the RA key: " + e.getMessage(), e);
        }
    }

    private static Attribute attribute(org.bouncycastle.asn1.ASN1ObjectIdentifier oid, org.bouncycastle.asn1.ASN1Encodable value) {
        return new Attribute(oid, new DERSet(value));
    }
}
