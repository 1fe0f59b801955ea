package online.hypermesh.trustchain.ca.signer;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;

/**
 * A Bouncy Castle signer over one protocol message with the token key {@code alias}: what the SCEP RA and
 * CMP protection keys hand the message code, which never sees the key. One message per instance.
 */
final class TokenMessageSigner implements ContentSigner {
    private final CryptoToken token;
    private final String alias;
    private final SigningAlgorithm algorithm;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    TokenMessageSigner(CryptoToken token, String alias, SigningAlgorithm algorithm) {
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
