package online.hypermesh.trustchain.ct.support;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;

import online.hypermesh.trustchain.ct.log.EncodingLogSigner;

/** A log signer on a plain in-memory P-256 key, for tests. */
public final class KeyPairLogSigner extends EncodingLogSigner {
    private final KeyPair key;

    public KeyPairLogSigner(KeyPair key) {
        this.key = key;
    }

    @Override
    public PublicKey publicKey() {
        return key.getPublic();
    }

    @Override
    protected byte[] signEncoded(byte[] message) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
