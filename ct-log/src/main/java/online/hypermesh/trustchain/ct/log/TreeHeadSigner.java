package online.hypermesh.trustchain.ct.log;

import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.sct.TreeHeadInput;

/** Signs tree heads over the RFC 6962 TreeHeadSignature bytes. */
final class TreeHeadSigner {
    private final LogSigner signer;

    TreeHeadSigner(LogSigner signer) {
        this.signer = signer;
    }

    SignedTreeHead sign(long treeSize, long timestamp, byte[] rootHash) {
        byte[] signature = signer.sign(new TreeHeadInput(timestamp, treeSize, rootHash));
        return new SignedTreeHead(treeSize, timestamp, rootHash, new DigitallySigned(signature));
    }
}
