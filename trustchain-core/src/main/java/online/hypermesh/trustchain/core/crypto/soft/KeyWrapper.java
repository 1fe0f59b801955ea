package online.hypermesh.trustchain.core.crypto.soft;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Encrypts and decrypts PKCS#8 private keys under the operator secret.
 *
 * <p>Each key gets its own random salt, so the derived key differs per stored key. The alias
 * and key type are bound into the GCM additional data: a ciphertext copied to another alias in
 * the database fails to decrypt instead of silently signing with the wrong key.
 */
final class KeyWrapper {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; paid once per key per start. */
    static final int ITERATIONS = 600_000;
    private static final int GCM_TAG_BITS = 128;

    private final char[] secret;
    private final SecureRandom random = new SecureRandom();

    KeyWrapper(char[] operatorSecret) {
        if (operatorSecret == null || operatorSecret.length < 16) {
            throw new TrustChainException(ErrorKind.INTERNAL,
                    "the operator secret must be at least 16 characters (TRUSTCHAIN_OPERATOR_SECRET or TRUSTCHAIN_OPERATOR_SECRET_FILE)");
        }
        this.secret = operatorSecret.clone();
    }

    WrappedKey wrap(String alias, KeyType type, byte[] publicKeyDer, byte[] pkcs8, java.time.Instant now) {
        byte[] salt = new byte[16];
        byte[] iv = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, derive(salt, ITERATIONS), new GCMParameterSpec(GCM_TAG_BITS, iv));
            cipher.updateAAD(aad(alias, type));
            return new WrappedKey(alias, type, publicKeyDer, salt, ITERATIONS, iv, cipher.doFinal(pkcs8), now);
        } catch (GeneralSecurityException e) {
            throw TrustChainException.internal("cannot encrypt key " + alias, e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    byte[] unwrap(WrappedKey key) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derive(key.salt(), key.iterations()), new GCMParameterSpec(GCM_TAG_BITS, key.iv()));
            cipher.updateAAD(aad(key.alias(), key.type()));
            return cipher.doFinal(key.ciphertext());
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TrustChainException(ErrorKind.INTERNAL, "cannot decrypt key " + key.alias()
                    + ": the operator secret differs from the one the key was stored with, or the stored key was altered", e);
        } catch (GeneralSecurityException e) {
            throw TrustChainException.internal("cannot decrypt key " + key.alias(), e);
        }
    }

    private SecretKey derive(byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, 256);
        try {
            byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(raw, "AES");
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] aad(String alias, KeyType type) {
        return ("trustchain-key:" + alias + ":" + type.name()).getBytes(StandardCharsets.UTF_8);
    }
}
