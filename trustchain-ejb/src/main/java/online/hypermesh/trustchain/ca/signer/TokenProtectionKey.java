package online.hypermesh.trustchain.ca.signer;

import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

import online.hypermesh.trustchain.bridge.cmp.ProtectionKey;
import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;

/**
 * The CMP protection key as the CMP message code uses it: ECDSA P-256 signatures over a response's
 * ProtectedPart, by alias through the token, for one {@value CaSigner#CMP_PROTECTION_PREFIX} key
 * only (checked by {@link CaSigner#cmpProtectionKey}), so no CA key signs CMP messages.
 */
final class TokenProtectionKey implements ProtectionKey {
    private final CryptoToken token;
    private final String alias;
    private final X509CertificateHolder certificate;
    private final List<X509CertificateHolder> chain;

    TokenProtectionKey(CryptoToken token, String alias, X509CertificateHolder certificate, List<X509CertificateHolder> chain) {
        this.token = token;
        this.alias = alias;
        this.certificate = certificate;
        this.chain = List.copyOf(chain);
    }

    @Override
    public X509CertificateHolder certificate() {
        return certificate;
    }

    @Override
    public List<X509CertificateHolder> chain() {
        return chain;
    }

    @Override
    public ContentSigner signer() {
        return new TokenMessageSigner(token, alias, SigningAlgorithm.SHA256_WITH_ECDSA);
    }
}
