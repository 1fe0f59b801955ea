package online.hypermesh.trustchain.core.x509;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Key identifiers per RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value. */
public final class KeyIdentifiers {
    private KeyIdentifiers() {
    }

    public static byte[] of(SubjectPublicKeyInfo spki) {
        try {
            // SHA-1 here is an identifier, not a signature: collisions only matter for path building.
            return MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a mandatory JCA algorithm", e);
        }
    }
}
