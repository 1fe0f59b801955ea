package online.hypermesh.trustchain.core.crypto.soft;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.KeyAliases;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.BouncyCastle;

/**
 * Software keys, encrypted at rest in a {@link WrappedKeyStore}.
 *
 * <p>Unwrapped keys are cached in {@link #privateKeys} for the life of the token (that map is
 * the only owner of private key objects). Signing uses Bouncy Castle, which signs ECDSA several
 * times faster than SunEC on Java 17.
 */
public final class SoftwareCryptoToken implements CryptoToken {
    private final WrappedKeyStore store;
    private final KeyWrapper wrapper;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();

    public SoftwareCryptoToken(WrappedKeyStore store, char[] operatorSecret, Clock clock) {
        this.store = store;
        this.wrapper = new KeyWrapper(operatorSecret);
        this.clock = clock;
    }

    @Override
    public PublicKey generateKey(String alias, KeyType type) {
        KeyAliases.require(alias);
        if (store.find(alias).isPresent()) {
            throw new TrustChainException(ErrorKind.CONFLICT, "a key with alias " + alias + " already exists");
        }
        KeyPair pair = newKeyPair(type);
        store.insert(wrapper.wrap(alias, type, pair.getPublic().getEncoded(), pair.getPrivate().getEncoded(), clock.instant()));
        // Not cached here: if the caller's transaction rolls back, the key must not linger.
        return pair.getPublic();
    }

    @Override
    public PublicKey publicKey(String alias) {
        PublicKey cached = publicKeys.get(alias);
        if (cached != null) {
            return cached;
        }
        WrappedKey wrapped = load(alias);
        PublicKey key = decodePublic(wrapped);
        publicKeys.put(alias, key);
        return key;
    }

    @Override
    public boolean hasKey(String alias) {
        return publicKeys.containsKey(alias) || store.find(alias).isPresent();
    }

    @Override
    public byte[] sign(String alias, SigningAlgorithm algorithm, byte[] data) {
        PrivateKey key = privateKeys.computeIfAbsent(alias, a -> decodePrivate(load(a)));
        try {
            Signature signature = Signature.getInstance(algorithm.jcaName(), BouncyCastle.PROVIDER);
            signature.initSign(key, random);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw TrustChainException.internal("signing with key " + alias + " failed", e);
        }
    }

    @Override
    public boolean decryptsKeyTransport() {
        return true;
    }

    @Override
    public byte[] decryptKeyTransport(String alias, byte[] encryptedKey) {
        PrivateKey key = privateKeys.computeIfAbsent(alias, a -> decodePrivate(load(a)));
        if (!"RSA".equals(key.getAlgorithm())) {
            throw TrustChainException.internal("key " + alias + " is not an RSA key and cannot decrypt", null);
        }
        try {
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding", BouncyCastle.PROVIDER);
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, key);
            return cipher.doFinal(encryptedKey);
        } catch (GeneralSecurityException e) {
            // No detail: a padding oracle must learn nothing from the message.
            throw new TrustChainException(ErrorKind.MALFORMED_REQUEST, "the encrypted key does not decrypt with " + alias);
        }
    }

    private WrappedKey load(String alias) {
        return store.find(alias).orElseThrow(() -> TrustChainException.notFound("no key with alias " + alias + " in the software token"));
    }

    private KeyPair newKeyPair(KeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.jcaAlgorithm(), BouncyCastle.PROVIDER);
            if (type.curve() == null) {
                generator.initialize(new RSAKeyGenParameterSpec(type.bits(), RSAKeyGenParameterSpec.F4), random);
            } else {
                generator.initialize(new ECGenParameterSpec(type.curve()), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw TrustChainException.internal("cannot generate " + type.displayName() + " key", e);
        }
    }

    private PrivateKey decodePrivate(WrappedKey wrapped) {
        byte[] pkcs8 = wrapper.unwrap(wrapped);
        try {
            return KeyFactory.getInstance(wrapped.type().jcaAlgorithm(), BouncyCastle.PROVIDER)
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw TrustChainException.internal("stored key " + wrapped.alias() + " is not a valid PKCS#8 key", e);
        } finally {
            java.util.Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static PublicKey decodePublic(WrappedKey wrapped) {
        try {
            return KeyFactory.getInstance(wrapped.type().jcaAlgorithm(), BouncyCastle.PROVIDER)
                    .generatePublic(new X509EncodedKeySpec(wrapped.publicKey()));
        } catch (GeneralSecurityException e) {
            throw TrustChainException.internal("stored public key " + wrapped.alias() + " is invalid", e);
        }
    }
}
