package online.hypermesh.trustchain.ct.log;

import java.security.PublicKey;
import java.util.Base64;

import online.hypermesh.trustchain.ct.submit.CertificateHashes;

/**
 * What names the log: its public key, the LogID (SHA-256 of the DER SubjectPublicKeyInfo, RFC
 * 6962 section 3.2), and the checkpoint origin (the submission prefix without scheme or trailing
 * slash, static-ct-api).
 */
public record LogIdentity(PublicKey publicKey, String origin) {

    public LogIdentity {
        if (!"EC".equals(publicKey.getAlgorithm()) && !"ECDSA".equals(publicKey.getAlgorithm())) {
            throw new IllegalArgumentException("a CT log key is ECDSA P-256, got " + publicKey.getAlgorithm());
        }
        if (origin == null || origin.isBlank() || origin.contains("://") || origin.endsWith("/")) {
            throw new IllegalArgumentException("origin must be the submission prefix without scheme or trailing slash: " + origin);
        }
    }

    public byte[] logId() {
        return CertificateHashes.sha256(publicKey.getEncoded());
    }

    public String logIdBase64() {
        return Base64.getEncoder().encodeToString(logId());
    }

    /** Base64 DER SubjectPublicKeyInfo, as in log.json's {@code key}. */
    public String keyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}
