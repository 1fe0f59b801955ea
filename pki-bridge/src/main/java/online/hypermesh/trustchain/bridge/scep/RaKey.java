package online.hypermesh.trustchain.bridge.scep;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * The SCEP RA identity as the message code sees it: its certificate, RSA key transport (PKCS#1
 * v1.5 decryption of a content-encryption key) and a signer for CertRep. The private key stays
 * wherever the implementation keeps it (the crypto token in the server).
 */
public interface RaKey {
    X509CertificateHolder certificate();

    /** RSAES-PKCS1-v1_5 decryption of {@code encryptedKey}; throws on a padding error. */
    byte[] decryptContentKey(byte[] encryptedKey);

    /** A fresh SHA-256 with RSA signer for one CertRep. */
    ContentSigner signer();
}
