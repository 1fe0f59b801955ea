package online.hypermesh.trustchain.ca.signer;

import java.security.PublicKey;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.ct.log.EncodingLogSigner;

/**
 * The CT log key in the crypto token as a signer of SCTs and tree heads only: the raw signing
 * function is protected in {@link EncodingLogSigner}, so the sequencer that holds this object can
 * sign nothing but the log's own structures, and no other key of the token.
 */
final class TokenLogSigner extends EncodingLogSigner {
    private final CryptoToken token;
    private final String alias;
    private final PublicKey publicKey;

    TokenLogSigner(CryptoToken token, String alias, PublicKey publicKey) {
        this.token = token;
        this.alias = alias;
        this.publicKey = publicKey;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    protected byte[] signEncoded(byte[] signatureInput) {
        return token.sign(alias, SigningAlgorithm.SHA256_WITH_ECDSA, signatureInput);
    }
}
