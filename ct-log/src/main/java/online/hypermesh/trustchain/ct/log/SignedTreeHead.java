package online.hypermesh.trustchain.ct.log;

import online.hypermesh.trustchain.ct.entry.Limits;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;

/** A tree head and the log's signature over its TreeHeadSignature (RFC 6962 section 3.5). */
public record SignedTreeHead(long treeSize, long timestamp, byte[] rootHash, DigitallySigned signature) {

    public SignedTreeHead {
        rootHash = rootHash.clone();
        if (rootHash.length != Limits.HASH || treeSize < 0 || timestamp < 0) {
            throw new IllegalArgumentException("invalid tree head");
        }
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }
}
