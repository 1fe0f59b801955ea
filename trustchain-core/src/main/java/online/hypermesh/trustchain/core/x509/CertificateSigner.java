package online.hypermesh.trustchain.core.x509;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The only code that asks the crypto token to sign a certificate, and it accepts only a
 * {@link LintedCertificate}. It signs exactly the DER bytes that were linted.
 */
public final class CertificateSigner {
    private final CryptoToken token;

    public CertificateSigner(CryptoToken token) {
        this.token = token;
    }

    public X509CertificateHolder sign(LintedCertificate linted) {
        linted.consume();
        try {
            byte[] tbsDer = linted.tbs().getEncoded(ASN1Encoding.DER);
            byte[] signature = token.sign(linted.keyAlias(), linted.algorithm(), tbsDer);
            Certificate certificate = Certificate.getInstance(new DERSequence(new ASN1Encodable[] {
                    linted.tbs(), linted.algorithm().algorithmIdentifier(), new DERBitString(signature)}));
            return new X509CertificateHolder(certificate);
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the certificate", e);
        }
    }
}
