package online.hypermesh.trustchain.witness.client;

import java.time.Instant;

/** A witness's cosignature of one tree: the size and root it covers, the line, and its timestamp. */
public record WitnessCosignature(long size, byte[] rootHash, String line, Instant timestamp) {
    public WitnessCosignature {
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }
}
