package online.hypermesh.trustchain.bench.ct;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;

import online.hypermesh.trustchain.ct.entry.CtExtensions;
import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.sct.SignatureInputs;
import online.hypermesh.trustchain.ct.submit.CertificateHashes;

/**
 * Checks what a CT log answered against its key from log.json: an add-chain SCT (RFC 6962 4.1:
 * version 0, this log's id, a leaf_index extension, and an ECDSA signature over the
 * CertificateTimestamp of the submitted certificate) and a get-sth tree head (4.3). A check never
 * throws for a bad answer; it says what is wrong with it. Thread-safe.
 */
final class LogAnswers {
    private final PublicKey key;
    private final byte[] logId;

    LogAnswers(PublicKey key) {
        this.key = key;
        this.logId = CertificateHashes.sha256(key.getEncoded());
    }

    /** The log's key from log.json's {@code key} (base64 DER SubjectPublicKeyInfo). */
    static LogAnswers fromLogJson(Map<String, String> logJson) throws GeneralSecurityException {
        String key = logJson.get("key");
        if (key == null) {
            throw new GeneralSecurityException("log.json has no key");
        }
        PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
        LogAnswers answers = new LogAnswers(publicKey);
        String id = logJson.get("log_id");
        if (id != null && !Arrays.equals(Base64.getDecoder().decode(id), answers.logId)) {
            throw new GeneralSecurityException("log.json's log_id is not the SHA-256 of its key");
        }
        return answers;
    }

    /** What an SCT check found: its leaf index and timestamp when it is right, else the problem. */
    record SctVerdict(boolean ok, String problem, long leafIndex, long timestamp) {
        static SctVerdict wrong(String problem) {
            return new SctVerdict(false, problem, -1, -1);
        }
    }

    /** Checks an add-chain answer for the certificate {@code leafDer}. */
    SctVerdict checkSct(Map<String, String> answer, byte[] leafDer) {
        try {
            if (!"0".equals(answer.get("sct_version"))) {
                return SctVerdict.wrong("sct_version is " + answer.get("sct_version") + ", not 0 (v1)");
            }
            if (!Arrays.equals(Base64.getDecoder().decode(answer.get("id")), logId)) {
                return SctVerdict.wrong("id is not this log's LogID");
            }
            long timestamp = Long.parseLong(answer.get("timestamp"));
            byte[] extensions = Base64.getDecoder().decode(answer.get("extensions"));
            OptionalLong index = CtExtensions.findLeafIndex(extensions);
            if (index.isEmpty()) {
                return SctVerdict.wrong("no leaf_index extension");
            }
            byte[] signature = DigitallySigned.decode(Base64.getDecoder().decode(answer.get("signature"))).signature();
            byte[] signed = SignatureInputs.certificateTimestamp(timestamp, SignedEntry.x509(leafDer), extensions);
            if (!verifies(signed, signature)) {
                return SctVerdict.wrong("the signature does not verify over the certificate's CertificateTimestamp");
            }
            return new SctVerdict(true, null, index.getAsLong(), timestamp);
        } catch (RuntimeException e) {
            return SctVerdict.wrong("unreadable SCT: " + e);
        }
    }

    /** A get-sth answer's tree size if its signature verifies, else -1. */
    long verifiedTreeSize(Map<String, String> sth) {
        try {
            long size = Long.parseLong(sth.get("tree_size"));
            long timestamp = Long.parseLong(sth.get("timestamp"));
            byte[] root = Base64.getDecoder().decode(sth.get("sha256_root_hash"));
            byte[] signature = DigitallySigned.decode(Base64.getDecoder().decode(sth.get("tree_head_signature"))).signature();
            return verifies(SignatureInputs.treeHead(timestamp, size, root), signature) ? size : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private boolean verifies(byte[] message, byte[] derSignature) {
        try {
            Signature v = Signature.getInstance("SHA256withECDSA", BenchPki.BC);
            v.initVerify(key);
            v.update(message);
            return v.verify(derSignature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
