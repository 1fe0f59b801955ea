package online.hypermesh.trustchain.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes the compliance export: a self-contained text that a third party verifies offline with
 * {@link AuditBundleVerifier} (or by hand: each event line's JSON is exactly what the chain hashes;
 * each checkpoint's text and signature decode to files for {@code openssl dgst -verify}).
 * <pre>
 * trustchain audit bundle v1
 * key &lt;base64 SubjectPublicKeyInfo of the audit key&gt;
 * start &lt;seq of the first event&gt; &lt;base64 chain hash before it&gt;
 * event &lt;seq&gt; &lt;base64 chain hash after it, as stored&gt; &lt;canonical JSON&gt;
 * ...
 * checkpoint &lt;base64 checkpoint text&gt; &lt;base64 DER signature&gt;
 * </pre>
 * A checkpoint line follows the event whose position it signs; the last line is a checkpoint
 * covering the last event, so every event is vouched for.
 */
public final class AuditBundle {
    static final String FIRST_LINE = "trustchain audit bundle v1";

    private final StringBuilder text = new StringBuilder();

    public AuditBundle(byte[] publicKeyInfo, long startSeq, byte[] previousHash) {
        text.append(FIRST_LINE).append('\n');
        text.append("key ").append(b64(publicKeyInfo)).append('\n');
        text.append("start ").append(startSeq).append(' ').append(b64(previousHash)).append('\n');
    }

    public AuditBundle event(AuditRecord record, byte[] storedHash) {
        text.append("event ").append(record.seq()).append(' ').append(b64(storedHash)).append(' ').append(record.canonicalJson()).append('\n');
        return this;
    }

    public AuditBundle checkpoint(String checkpointText, byte[] signature) {
        text.append("checkpoint ").append(b64(checkpointText.getBytes(StandardCharsets.UTF_8))).append(' ').append(b64(signature)).append('\n');
        return this;
    }

    public String text() {
        return text.toString();
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
