package online.hypermesh.trustchain.bench.ct;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;

import online.hypermesh.trustchain.ct.log.EncodingLogSigner;

/**
 * A software P-256 log key signing with Bouncy Castle, as the deployment's software crypto token
 * does (a new Signature per call, like SoftwareCryptoToken). Thread-safe.
 */
final class BcLogSigner extends EncodingLogSigner {
    private final KeyPair key;

    BcLogSigner(KeyPair key) {
        this.key = key;
    }

    @Override
    public PublicKey publicKey() {
        return key.getPublic();
    }

    @Override
    protected byte[] signEncoded(byte[] message) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA", BenchPki.BC);
            s.initSign(key.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
