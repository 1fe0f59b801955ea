package online.hypermesh.trustchain.ct.log;

import java.security.PublicKey;

import online.hypermesh.trustchain.ct.sct.CertificateTimestampInput;
import online.hypermesh.trustchain.ct.sct.TreeHeadInput;

/**
 * The log's ECDSA P-256 key, wherever it lives (a crypto token in the deployment, a plain key in
 * tests), as a signer of the log's own structures only: SCTs and tree heads (which the checkpoint
 * reuses). It takes typed inputs and encodes them itself, so whoever holds one cannot sign
 * arbitrary bytes with the log's key. Implementations are thread-safe.
 */
public interface LogSigner {

    /** The P-256 public key; its DER SubjectPublicKeyInfo defines the LogID. */
    PublicKey publicKey();

    /** SHA256withECDSA over the SCT signature input; the DER ECDSA-Sig-Value. */
    byte[] sign(CertificateTimestampInput sct);

    /** SHA256withECDSA over the TreeHeadSignature; the DER ECDSA-Sig-Value. */
    byte[] sign(TreeHeadInput treeHead);
}
