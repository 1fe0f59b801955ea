package online.hypermesh.trustchain.hsm;

import java.security.PublicKey;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.KeyAliases;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * CA keys in a PKCS#11 token, labelled with their alias. Keys are generated in the token
 * (sensitive, never extractable) and durable at once, not with the caller's transaction.
 *
 * <p>The public keys it returns are also saved in {@link PublicKeyFiles}, so that while the HSM is
 * unreachable public keys and key existence are still answered (a node starts, and reports the
 * HSM in /health), and only signatures and new keys fail.
 *
 * <p>Every call runs on a pooled session ({@link Pkcs11Sessions}: WildFly's pool through the
 * resource adapter in a deployment), validated, reconnected and reported by the
 * {@link Pkcs11TokenLink}: a lost HSM is UNAVAILABLE (503) until it is back, a refused PIN an
 * error naming the PIN setting.
 */
public final class Pkcs11CryptoToken implements CryptoToken {
    private final Pkcs11Sessions pool;
    private final PublicKeyFiles publicKeys;

    public Pkcs11CryptoToken(Pkcs11Sessions pool, PublicKeyFiles publicKeys) {
        this.pool = pool;
        this.publicKeys = publicKeys;
    }

    public Pkcs11Sessions sessions() {
        return pool;
    }

    @Override
    public PublicKey generateKey(String alias, KeyType type) {
        KeyAliases.require(alias);
        PublicKey key = pool.withSession(s -> {
            if (s.findPrivateKey(alias).isPresent() || s.publicKey(alias) != null) {
                throw new TrustChainException(ErrorKind.CONFLICT, "a key with alias " + alias + " already exists in the PKCS#11 token");
            }
            return s.generate(alias, type.jcaAlgorithm(), type.bits(), type.curve());
        });
        publicKeys.remember(alias, key);
        return key;
    }

    @Override
    public PublicKey publicKey(String alias) {
        try {
            PublicKey key = pool.withSession(s -> {
                PublicKey k = s.publicKey(alias);
                if (k == null) {
                    throw TrustChainException.notFound("no key with alias " + alias + " in the PKCS#11 token");
                }
                return k;
            });
            publicKeys.remember(alias, key);
            return key;
        } catch (TrustChainException e) {
            // The HSM is away: a public key it showed before is still that key.
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                return publicKeys.find(alias).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @Override
    public boolean hasKey(String alias) {
        try {
            return pool.withSession(s -> {
                if (s.findPrivateKey(alias).isPresent()) {
                    return Boolean.TRUE;
                }
                // Through the pool's NOT_FOUND check: a token that vanished has no keys, which is an outage, not "no key".
                throw TrustChainException.notFound("no key with alias " + alias + " in the PKCS#11 token");
            });
        } catch (TrustChainException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return false;
            }
            // The key exists (the token showed it) though the HSM cannot use it now: signing says UNAVAILABLE.
            if (e.kind() == ErrorKind.UNAVAILABLE && publicKeys.find(alias).isPresent()) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public byte[] sign(String alias, SigningAlgorithm algorithm, byte[] data) {
        return pool.withSession(s -> {
            long key = s.findPrivateKey(alias)
                    .orElseThrow(() -> TrustChainException.notFound("no key with alias " + alias + " in the PKCS#11 token"));
            return s.sign(key, algorithm.jcaName(), data);
        });
    }

    @Override
    public void requireAvailable() {
        pool.check();
    }
}
