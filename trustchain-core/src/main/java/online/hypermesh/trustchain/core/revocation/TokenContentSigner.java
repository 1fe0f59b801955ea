package online.hypermesh.trustchain.core.revocation;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;

/**
 * Lets Bouncy Castle's OCSP response builder sign through the crypto token: the builder writes
 * the ResponseData DER into the stream, and the token signs it by alias, so no private key ever
 * leaves the token. Package-private: only the OCSP responder may use it.
 */
final class TokenContentSigner implements ContentSigner {
    private final CryptoToken token;
    private final String alias;
    private final SigningAlgorithm algorithm;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    TokenContentSigner(CryptoToken token, String alias, SigningAlgorithm algorithm) {
        this.token = token;
        this.alias = alias;
        this.algorithm = algorithm;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm.algorithmIdentifier();
    }

    @Override
    public OutputStream getOutputStream() {
        return data;
    }

    @Override
    public byte[] getSignature() {
        return token.sign(alias, algorithm, data.toByteArray());
    }
}
