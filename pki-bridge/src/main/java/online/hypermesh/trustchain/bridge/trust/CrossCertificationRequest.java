package online.hypermesh.trustchain.bridge.trust;

import java.io.IOException;
import java.util.function.UnaryOperator;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The PKCS#10 request an enterprise CA signs to cross-certify TrustChain's root (the other
 * direction of {@link CrossCertificateTemplate}): subject and public key exactly our root's,
 * signed by the root key itself (proof of possession), and asking in an extensionRequest for what
 * a CA certificate needs: critical basicConstraints cA, critical keyUsage keyCertSign and
 * cRLSign, and our root's SKI (so our intermediates' AKIs match the cross certificate). The
 * enterprise decides the path length and any name constraints; {@link ReturnedCrossCertificate}
 * checks what comes back.
 */
public final class CrossCertificationRequest {

    private CrossCertificationRequest() {
    }

    /**
     * @param root      TrustChain's root certificate (its subject and key are requested)
     * @param signature the root key's signature algorithm
     * @param sign      signs the DER CertificationRequestInfo with the root key (the crypto token, through the signer)
     */
    public static PKCS10CertificationRequest build(X509CertificateHolder root, AlgorithmIdentifier signature, UnaryOperator<byte[]> sign) {
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(CrossCertificateTemplate.keyIdentifier(root)));
            Attribute extensionRequest = new Attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new DERSet(ext.generate()));
            CertificationRequestInfo info = new CertificationRequestInfo(root.getSubject(), root.getSubjectPublicKeyInfo(),
                    new DERSet(extensionRequest));
            byte[] signatureValue = sign.apply(info.getEncoded(ASN1Encoding.DER));
            CertificationRequest request = CertificationRequest.getInstance(new DERSequence(new ASN1Encodable[] {
                    info, signature, new DERBitString(signatureValue)}));
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(request);
            // The token signs with the key under the root's alias; a request whose signature does
            // not verify with the root's public key would mean that alias holds another key.
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(root.getSubjectPublicKeyInfo()))) {
                throw TrustChainException.internal("the cross-certification request's signature does not verify with the root's key", null);
            }
            return csr;
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.pkcs.PKCSException e) {
            throw TrustChainException.internal("cannot build the cross-certification request", e);
        }
    }
}
