package online.hypermesh.trustchain.bridge.cmp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.ProtectedPart;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signature-based protection (RFC 4210 5.1.3.3, RFC 9483 3.2): the signature is over the DER
 * ProtectedPart (header and body) with the key of the CMP protection certificate, which is the
 * first of extraCerts; the header's sender is that certificate's subject and its senderKID, when
 * present, the certificate's subject key identifier. This class checks the message against its
 * own certificate; whether the certificate is one the server trusts, and whose it is, the caller
 * decides.
 */
public final class SignatureProtection {
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private SignatureProtection() {
    }

    /** Whether {@code message} is protected by a signature rather than a MAC. */
    public static boolean isSignature(PKIMessage message) {
        if (message.getHeader().getProtectionAlg() == null || message.getProtection() == null) {
            return false;
        }
        var alg = message.getHeader().getProtectionAlg().getAlgorithm();
        return !alg.equals(CMPObjectIdentifiers.passwordBasedMac) && !alg.equals(CMPObjectIdentifiers.dhBasedMac)
                && !alg.getId().equals("1.2.840.113549.1.5.14"); // PBMAC1 (RFC 8018), RFC 9481 6.1.2
    }

    /**
     * The protection certificate of a signed {@code message}, after its signature verified with it
     * and the header named it as RFC 9483 3.1 asks.
     *
     * @throws CmpFailure badMessageCheck if the certificate is missing, the header names another
     *     sender, or the signature does not verify; badAlg if the algorithm is not one this server verifies
     */
    public static X509CertificateHolder verifiedSigner(PKIMessage message) {
        CMPCertificate[] extra;
        try {
            extra = message.getExtraCerts();
        } catch (IllegalArgumentException e) {
            // Bouncy Castle refuses a v1 or v2 certificate where a CMPCertificate is an X.509 v3 one (RFC 4210 5.1).
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "extraCerts holds a certificate that is not X.509 v3: " + e.getMessage());
        }
        if (extra == null || extra.length == 0 || !extra[0].isX509v3PKCert()) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "a request protected by signature must carry its CMP protection"
                    + " certificate first in extraCerts (RFC 9483 3.3)");
        }
        X509CertificateHolder certificate = new X509CertificateHolder(extra[0].getX509v3PKCert());
        PKIHeader header = message.getHeader();
        GeneralName sender = header.getSender();
        if (sender == null || sender.getTagNo() != GeneralName.directoryName
                || !X500Name.getInstance(sender.getName()).equals(certificate.getSubject())) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "the header's sender must be the subject of the CMP protection"
                    + " certificate, " + certificate.getSubject() + " (RFC 9483 3.1)");
        }
        byte[] keyId = subjectKeyId(certificate);
        if (header.getSenderKID() != null && keyId != null && !Arrays.equals(header.getSenderKID().getOctets(), keyId)) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "the header's senderKID is not the CMP protection certificate's subject"
                    + " key identifier (RFC 9483 3.1)");
        }
        ContentVerifier verifier;
        try {
            ContentVerifierProvider provider = new JcaContentVerifierProviderBuilder().setProvider(PROVIDER).build(certificate);
            verifier = provider.get(header.getProtectionAlg());
        } catch (OperatorCreationException | java.security.cert.CertificateException | RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "the protection algorithm " + header.getProtectionAlg().getAlgorithm().getId()
                    + " with the protection certificate's key is not supported: " + e.getMessage());
        }
        write(verifier.getOutputStream(), header, message.getBody());
        if (!verifier.verify(message.getProtection().getOctets())) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "the signature does not verify with the CMP protection certificate");
        }
        return certificate;
    }

    /** The signature of {@code header} and {@code body} by {@code signer}. */
    static byte[] sign(PKIHeader header, PKIBody body, ContentSigner signer) {
        write(signer.getOutputStream(), header, body);
        return signer.getSignature();
    }

    /** The certificate's subject key identifier, or null if it has none. */
    static byte[] subjectKeyId(X509CertificateHolder certificate) {
        Extension ski = certificate.getExtension(Extension.subjectKeyIdentifier);
        return ski == null ? null : SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier();
    }

    private static void write(OutputStream out, PKIHeader header, PKIBody body) {
        try (out) {
            out.write(new ProtectedPart(header, body).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a ProtectedPart", e);
        }
    }
}
