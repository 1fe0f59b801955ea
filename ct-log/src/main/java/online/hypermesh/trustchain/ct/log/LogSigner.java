package online.hypermesh.trustchain.ct.log;

import java.security.PublicKey;

/**
 * The log's ECDSA P-256 key, wherever it lives (a crypto token in the deployment, a plain key in
 * tests). Implementations are thread-safe.
 */
public interface LogSigner {

    /** The P-256 public key; its DER SubjectPublicKeyInfo defines the LogID. */
    PublicKey publicKey();

    /** SHA256withECDSA over {@code message}; the DER ECDSA-Sig-Value. */
    byte[] sign(byte[] message);
}
