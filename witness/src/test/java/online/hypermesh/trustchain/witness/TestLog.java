package online.hypermesh.trustchain.witness;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import online.hypermesh.trustchain.ct.log.LogIdentity;
import online.hypermesh.trustchain.ct.merkle.InMemoryNodeStore;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.ProofGenerator;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.sct.TreeHeadInput;
import online.hypermesh.trustchain.ct.statics.Checkpoint;

/**
 * A log for the witness tests: a real P-256 key signing checkpoints exactly as the CT log does
 * ({@link Checkpoint#signedNote}), over an in-memory Merkle tree whose proofs come from the log's
 * own {@link ProofGenerator}.
 */
public final class TestLog {
    public final String origin;
    public final KeyPair key;
    public final InMemoryNodeStore tree = new InMemoryNodeStore();
    private final java.util.Map<Long, byte[]> roots = new java.util.concurrent.ConcurrentHashMap<>();

    public TestLog(String origin) {
        this.origin = origin;
        this.key = p256();
    }

    public static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public LogKey logKey() {
        return new LogKey(origin, key.getPublic());
    }

    public void grow(int leaves) {
        for (int i = 0; i < leaves; i++) {
            tree.append(MerkleHashes.leafHash(("leaf " + tree.size()).getBytes(StandardCharsets.UTF_8)));
            roots.put(tree.size(), tree.root());
        }
    }

    /** This log's root at a size it has had. */
    public java.util.Optional<byte[]> rootAt(long size) {
        return java.util.Optional.ofNullable(roots.get(size));
    }

    /** A proof between two sizes of this tree. */
    public List<byte[]> proof(long from, long to) {
        return new ProofGenerator(tree).consistencyProof(from, to);
    }

    public long size() {
        return tree.size();
    }

    public List<byte[]> proof(long from) {
        return from == 0 ? List.of() : new ProofGenerator(tree).consistencyProof(from, tree.size());
    }

    /** The current tree's checkpoint signed with this log's key. */
    public String checkpoint() {
        return sign(key, tree.size(), tree.root());
    }

    /** Any tree head, signed with any key under this origin (a compromised or impostor log). */
    public String sign(KeyPair signer, long size, byte[] root) {
        try {
            long timestamp = System.currentTimeMillis();
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(signer.getPrivate());
            s.update(new TreeHeadInput(timestamp, size, root).encode());
            byte[] logId = new LogIdentity(signer.getPublic(), origin).logId();
            return Checkpoint.signedNote(origin, logId, size, root, timestamp, new DigitallySigned(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] request(long oldSize) {
        return AddCheckpointRequest.encode(oldSize, proof(oldSize), checkpoint());
    }
}
