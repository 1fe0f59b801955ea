package online.hypermesh.trustchain.core.crypto;

import java.security.PublicKey;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * A store of private keys that signs on request. Nothing outside an implementation of this
 * interface ever holds a {@link java.security.PrivateKey}: callers name keys by alias.
 *
 * <p>Implementations are safe for concurrent use. Aliases are case-sensitive, at most 64
 * characters of {@code [A-Za-z0-9._-]}.
 */
public interface CryptoToken {

    /**
     * Generates a new key pair under {@code alias} and persists it before returning. The software
     * token persists through {@link online.hypermesh.trustchain.core.crypto.soft.WrappedKeyStore},
     * so in the server the key commits or rolls back with the caller's transaction, together with
     * whatever the caller stores that names it.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException (CONFLICT) if the alias exists
     */
    PublicKey generateKey(String alias, KeyType type);

    /** The public key of {@code alias}; NOT_FOUND if there is no such key. */
    PublicKey publicKey(String alias);

    /** Whether a key exists under {@code alias}. */
    boolean hasKey(String alias);

    /** Signs {@code data} with the key under {@code alias}; returns the DER/PKCS#1 signature. */
    byte[] sign(String alias, SigningAlgorithm algorithm, byte[] data);

    /**
     * Throws UNAVAILABLE, naming the token and why, when the token cannot sign now (an HSM that is
     * unreachable or refused the PIN); signs nothing. For /health: a software token is always there.
     */
    default void requireAvailable() {
    }

    /**
     * RSA key transport (RSAES-PKCS1-v1_5, the only one SCEP clients send): decrypts a CMS
     * content-encryption key with the RSA key under {@code alias}. Only the SCEP RA key is used so.
     * A token that cannot decrypt says UNAVAILABLE.
     */
    /** Whether {@link #decryptKeyTransport} works here: SCEP makes its RA key only in a token that can use it. */
    default boolean decryptsKeyTransport() {
        return false;
    }

    default byte[] decryptKeyTransport(String alias, byte[] encryptedKey) {
        throw new TrustChainException(ErrorKind.UNAVAILABLE, "this crypto token does not decrypt (RSA key transport); "
                + "SCEP needs the software token for now");
    }
}
