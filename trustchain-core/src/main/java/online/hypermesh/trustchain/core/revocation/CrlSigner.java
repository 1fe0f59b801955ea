package online.hypermesh.trustchain.core.revocation;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.X509CRLHolder;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The only code that asks the crypto token to sign a CRL, and it accepts only a {@link LintedCrl}.
 * It signs exactly the TBSCertList DER that was linted. (The x509 {@code CertificateSigner} signs
 * certificates only, hence this twin.)
 */
public final class CrlSigner {
    private final CryptoToken token;

    public CrlSigner(CryptoToken token) {
        this.token = token;
    }

    public X509CRLHolder sign(LintedCrl linted) {
        linted.consume();
        try {
            byte[] tbsDer = linted.tbs().getEncoded(ASN1Encoding.DER);
            byte[] signature = token.sign(linted.keyAlias(), linted.algorithm(), tbsDer);
            CertificateList crl = CertificateList.getInstance(new DERSequence(new ASN1Encodable[] {
                    linted.tbs(), linted.algorithm().algorithmIdentifier(), new DERBitString(signature)}));
            return new X509CRLHolder(crl);
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the CRL", e);
        }
    }
}
