package online.hypermesh.trustchain.witness;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import online.hypermesh.trustchain.ct.log.LogIdentity;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.sct.TreeHeadInput;
import online.hypermesh.trustchain.ct.statics.Checkpoint;
import online.hypermesh.trustchain.ct.tls.TlsDecodingException;
import online.hypermesh.trustchain.ct.tls.TlsReader;

/**
 * A log the witness trusts: its origin and its P-256 key, which signs checkpoints with
 * static-ct-api's RFC6962NoteSignature (signature type 0x05): {@code u64 timestamp} then the
 * RFC 6962 TreeHeadSignature's digitally-signed bytes, over the tree head the checkpoint names.
 */
public final class LogKey {
    private final LogIdentity identity;
    private final int keyId;
    /** The key as the verifying provider's own object, made once (see {@link Verifiers#key}). */
    private final PublicKey verificationKey;

    public LogKey(String origin, PublicKey key) {
        NoteSignature.requireKeyName(origin);
        this.identity = new LogIdentity(key, origin);
        this.verificationKey = Verifiers.key(key);
        byte[] id = Checkpoint.keyId(origin, identity.logId());
        this.keyId = ((id[0] & 0xff) << 24) | ((id[1] & 0xff) << 16) | ((id[2] & 0xff) << 8) | (id[3] & 0xff);
    }

    /** From the base64 DER SubjectPublicKeyInfo, as the log's log.json {@code key} gives it. */
    public static LogKey fromBase64Spki(String origin, String spkiBase64) {
        try {
            PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(spkiBase64.trim())));
            return new LogKey(origin, key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of log " + origin + " is not a base64 DER P-256 public key: "
                    + e.getMessage(), e);
        }
    }

    public String origin() {
        return identity.origin();
    }

    public int keyId() {
        return keyId;
    }

    public java.security.PublicKey publicKey() {
        return identity.publicKey();
    }

    /** The same key for {@link Verifiers#signature} objects to verify with. */
    public PublicKey verificationKey() {
        return verificationKey;
    }

    /** The RFC 6962 LogID: SHA-256 of the key's SubjectPublicKeyInfo (what an SCT names its log by). */
    public byte[] logId() {
        return identity.logId();
    }

    public String keyBase64() {
        return identity.keyBase64();
    }

    /** Whether this signature line is this key's (name and ID both match); others are ignored. */
    public boolean matches(NoteSignature signature) {
        return signature.keyName().equals(origin()) && signature.keyId() == keyId;
    }

    /**
     * Verifies a matching signature over the checkpoint. Extension lines are refused: the
     * TreeHeadSignature does not cover them, so nothing the log signed vouches for them.
     */
    public boolean verify(CheckpointBody checkpoint, NoteSignature signature) {
        if (!matches(signature) || !checkpoint.origin().equals(origin()) || !checkpoint.extensions().isEmpty()) {
            return false;
        }
        try {
            TlsReader r = new TlsReader(signature.signature());
            long timestamp = r.u64();
            DigitallySigned ds = DigitallySigned.readFrom(r);
            r.finish();
            Signature ecdsa = Verifiers.signature("SHA256withECDSA");
            ecdsa.initVerify(verificationKey);
            ecdsa.update(new TreeHeadInput(timestamp, checkpoint.size(), checkpoint.rootHash()).encode());
            return ecdsa.verify(ds.signature());
        } catch (TlsDecodingException | GeneralSecurityException e) {
            return false;
        }
    }
}
