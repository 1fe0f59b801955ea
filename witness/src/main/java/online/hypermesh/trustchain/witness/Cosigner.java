package online.hypermesh.trustchain.witness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * C2SP tlog-cosignature v1 with Ed25519 (signature type 0x04). The key ID is
 * SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]; the signature is the
 * {@code timestamped_signature} (u64 big-endian POSIX seconds, then 64 Ed25519 bytes) over
 * {@code "cosignature/v1\ntime <timestamp>\n"} followed by the whole checkpoint text.
 */
public final class Cosigner {
    public static final int SIGNATURE_TYPE = 0x04;
    // The DER SubjectPublicKeyInfo of an Ed25519 key is this 12-byte prefix then the 32 raw bytes (RFC 8410).
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final int keyId;

    public Cosigner(String name, PrivateKey privateKey, PublicKey publicKey) {
        NoteSignature.requireKeyName(name);
        if (!"Ed25519".equals(privateKey.getAlgorithm()) && !"EdDSA".equals(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("a cosigner key is Ed25519, got " + privateKey.getAlgorithm());
        }
        this.name = name;
        this.privateKey = privateKey;
        this.publicKey = rawPublicKey(publicKey);
        this.keyId = keyId(name, this.publicKey);
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The signed-note verifier key: {@code <name>+<hex key ID>+base64(0x04 || public key)}. */
    public String verifierKey() {
        return verifierKey(name, publicKey);
    }

    /** The cosignature line over the checkpoint text, made at {@code timestamp} (POSIX seconds, not zero). */
    public NoteSignature cosign(String checkpointText, long timestamp) {
        if (timestamp <= 0) {
            throw new IllegalArgumentException("a witness cosignature is timestamped, got " + timestamp);
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(privateKey);
            ed.update(message(checkpointText, timestamp));
            byte[] sig = ed.sign();
            return new NoteSignature(name, keyId, ByteBuffer.allocate(8 + sig.length).putLong(timestamp).put(sig).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The bytes a v1 cosignature signs. */
    public static byte[] message(String checkpointText, long timestamp) {
        return ("cosignature/v1\ntime " + Long.toUnsignedString(timestamp) + "\n" + checkpointText)
                .getBytes(StandardCharsets.UTF_8);
    }

    public static int keyId(String name, byte[] rawPublicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x0A);
            sha.update((byte) SIGNATURE_TYPE);
            sha.update(rawPublicKey);
            return ByteBuffer.wrap(sha.digest(), 0, 4).getInt();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public static String verifierKey(String name, byte[] rawPublicKey) {
        byte[] material = new byte[1 + rawPublicKey.length];
        material[0] = SIGNATURE_TYPE;
        System.arraycopy(rawPublicKey, 0, material, 1, rawPublicKey.length);
        return name + "+" + String.format("%08x", keyId(name, rawPublicKey)) + "+" + Base64.getEncoder().encodeToString(material);
    }

    /**
     * Verifies a cosignature line from the cosigner {@code name} with this raw public key over the
     * checkpoint text, returning its timestamp, or -1 if the line is not that cosigner's or fails.
     */
    public static long verify(String name, byte[] rawPublicKey, String checkpointText, NoteSignature line) {
        if (!line.keyName().equals(name) || line.keyId() != keyId(name, rawPublicKey)) {
            return -1;
        }
        byte[] raw = line.signature();
        if (raw.length != 8 + 64) {
            return -1;
        }
        long timestamp = ByteBuffer.wrap(raw, 0, 8).getLong();
        if (timestamp < 0) {
            return -1;
        }
        try {
            Signature ed = Verifiers.signature("Ed25519");
            ed.initVerify(publicKey(rawPublicKey));
            ed.update(message(checkpointText, timestamp));
            return ed.verify(Arrays.copyOfRange(raw, 8, raw.length)) ? timestamp : -1;
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new GeneralSecurityException("an Ed25519 public key is 32 bytes, got " + raw.length);
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    static byte[] rawPublicKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != SPKI_PREFIX.length + 32
                || !Arrays.equals(Arrays.copyOf(spki, SPKI_PREFIX.length), SPKI_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }
}
