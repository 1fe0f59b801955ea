package online.hypermesh.trustchain.ct.statics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import online.hypermesh.trustchain.ct.entry.Limits;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * The static-ct-api {@code /checkpoint}: a C2SP tlog-checkpoint body (origin, tree size, base64
 * root hash, each on its own line) in a C2SP signed note whose one signature is an
 * RFC6962NoteSignature ({@code uint64 timestamp} then the TreeHeadSignature's digitally-signed
 * bytes). The key name is the origin; the key ID is the first four bytes of
 * SHA-256(origin || 0x0A || 0x05 || LogID). It carries no extension lines.
 */
public final class Checkpoint {
    /** Signature type identifier of an RFC6962NoteSignature. */
    public static final int RFC6962_SIGNATURE_TYPE = 0x05;
    private static final String SIGNATURE_LINE_PREFIX = "\u2014 ";

    private Checkpoint() {
    }

    /** The note body: {@code <origin>\n<size>\n<base64 root>\n}. */
    public static String body(String origin, long treeSize, byte[] rootHash) {
        requireOrigin(origin);
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** The four-byte key ID, big-endian. */
    public static byte[] keyId(String origin, byte[] logId) {
        requireOrigin(origin);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(origin.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x0A);
            sha.update((byte) RFC6962_SIGNATURE_TYPE);
            sha.update(logId);
            byte[] id = new byte[4];
            System.arraycopy(sha.digest(), 0, id, 0, 4);
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The whole signed note: body, an empty line, and the signature line. */
    public static String signedNote(String origin, byte[] logId, long treeSize, byte[] rootHash, long timestamp,
                                     DigitallySigned treeHeadSignature) {
        if (logId.length != Limits.HASH) {
            throw new IllegalArgumentException("LogID must be 32 bytes");
        }
        TlsWriter signature = new TlsWriter(4 + 8 + 80);
        signature.raw(keyId(origin, logId)).u64(timestamp);
        treeHeadSignature.writeTo(signature);
        return body(origin, treeSize, rootHash) + "\n" + SIGNATURE_LINE_PREFIX + origin + " "
                + Base64.getEncoder().encodeToString(signature.toByteArray()) + "\n";
    }

    // signed-note: a key name is non-empty and has no spaces, newlines or plus signs.
    private static void requireOrigin(String origin) {
        if (origin == null || origin.isEmpty() || origin.contains(" ") || origin.contains("\n") || origin.contains("+")) {
            throw new IllegalArgumentException("checkpoint origin must be non-empty, without spaces, newlines or '+': " + origin);
        }
    }
}
