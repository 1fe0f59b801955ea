package online.hypermesh.trustchain.ct.log;

import online.hypermesh.trustchain.ct.sct.CertificateTimestampInput;
import online.hypermesh.trustchain.ct.sct.TreeHeadInput;

/**
 * A {@link LogSigner} built on one raw signing function, which stays protected: callers see only
 * the typed operations, and each encodes its structure before the raw function signs it.
 */
public abstract class EncodingLogSigner implements LogSigner {

    /** SHA256withECDSA over {@code signatureInput}, the encoding of an SCT or tree-head signature input. */
    protected abstract byte[] signEncoded(byte[] signatureInput);

    @Override
    public final byte[] sign(CertificateTimestampInput sct) {
        return signEncoded(sct.encode());
    }

    @Override
    public final byte[] sign(TreeHeadInput treeHead) {
        return signEncoded(treeHead.encode());
    }
}
