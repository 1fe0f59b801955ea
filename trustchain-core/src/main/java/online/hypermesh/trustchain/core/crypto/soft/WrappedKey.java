package online.hypermesh.trustchain.core.crypto.soft;

import java.time.Instant;

import online.hypermesh.trustchain.core.crypto.KeyType;

/**
 * A private key as stored: encrypted with AES-256-GCM under a key derived (PBKDF2) from the
 * operator secret and {@code salt}. The public key is kept in clear so it can be read without
 * the secret.
 *
 * @param publicKey   DER SubjectPublicKeyInfo
 * @param ciphertext  GCM ciphertext with tag of the PKCS#8 private key
 */
public record WrappedKey(String alias, KeyType type, byte[] publicKey, byte[] salt, int iterations,
                         byte[] iv, byte[] ciphertext, Instant createdAt) {
}
