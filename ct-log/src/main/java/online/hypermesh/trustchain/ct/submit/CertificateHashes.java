package online.hypermesh.trustchain.ct.submit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 as the log uses it for fingerprints, issuer key hashes and LogIDs. */
public final class CertificateHashes {

    private CertificateHashes() {
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
