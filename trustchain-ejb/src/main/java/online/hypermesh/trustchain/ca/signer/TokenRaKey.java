package online.hypermesh.trustchain.ca.signer;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

import online.hypermesh.trustchain.bridge.scep.RaKey;
import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;

/**
 * The SCEP RA key as the SCEP message code uses it: decryption of content keys and CertRep
 * signatures, by alias through the token, for one {@value CaSigner#SCEP_RA_PREFIX} key only
 * (checked by {@link CaSigner#scepRaKey}), so no CA key decrypts or signs SCEP messages.
 */
final class TokenRaKey implements RaKey {
    private final CryptoToken token;
    private final String alias;
    private final X509CertificateHolder certificate;

    TokenRaKey(CryptoToken token, String alias, X509CertificateHolder certificate) {
        this.token = token;
        this.alias = alias;
        this.certificate = certificate;
    }

    @Override
    public X509CertificateHolder certificate() {
        return certificate;
    }

    @Override
    public byte[] decryptContentKey(byte[] encryptedKey) {
        return token.decryptKeyTransport(alias, encryptedKey);
    }

    @Override
    public ContentSigner signer() {
        return new TokenMessageSigner(token, alias, SigningAlgorithm.SHA256_WITH_RSA);
    }
}
