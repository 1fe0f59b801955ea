package online.hypermesh.trustchain.core.revocation;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Instant;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;

/**
 * Lets Bouncy Castle's OCSP response builder sign through the crypto token: the builder writes
 * the ResponseData DER into the stream, the linter checks exactly those bytes, and the token
 * signs them by alias, so no private key ever leaves the token and nothing unlinted is signed.
 * Package-private: only the OCSP responder may use it.
 */
final class TokenContentSigner implements ContentSigner {
    private final CryptoToken token;
    private final OcspResponderCredential responder;
    private final SigningAlgorithm algorithm;
    private final OcspResponseLinter linter;
    private final Instant now;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    TokenContentSigner(CryptoToken token, OcspResponderCredential responder, OcspResponseLinter linter, Instant now) {
        this.token = token;
        this.responder = responder;
        this.algorithm = responder.keyType().signingAlgorithm();
        this.linter = linter;
        this.now = now;
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
        byte[] responseData = data.toByteArray();
        linter.lint(responseData, responder, now);
        return token.sign(responder.keyAlias(), algorithm, responseData);
    }
}
