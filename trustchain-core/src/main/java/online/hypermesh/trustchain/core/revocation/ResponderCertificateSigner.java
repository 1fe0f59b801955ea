package online.hypermesh.trustchain.core.revocation;

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
 * Signs OCSP responder certificates with the CA key, and only those that passed
 * {@link ResponderCertificateLinter}. Mirrors the x509 {@code CertificateSigner}, which cannot be
 * used here because only the x509 linter can produce what it accepts.
 */
public final class ResponderCertificateSigner {
    private final CryptoToken token;

    public ResponderCertificateSigner(CryptoToken token) {
        this.token = token;
    }

    public X509CertificateHolder sign(LintedResponderCertificate linted) {
        linted.consume();
        try {
            byte[] tbsDer = linted.tbs().getEncoded(ASN1Encoding.DER);
            byte[] signature = token.sign(linted.caKeyAlias(), linted.algorithm(), tbsDer);
            return new X509CertificateHolder(Certificate.getInstance(new DERSequence(new ASN1Encodable[] {
                    linted.tbs(), linted.algorithm().algorithmIdentifier(), new DERBitString(signature)})));
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the responder certificate", e);
        }
    }
}
