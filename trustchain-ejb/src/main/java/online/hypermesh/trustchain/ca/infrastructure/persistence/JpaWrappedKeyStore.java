package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.soft.WrappedKey;
import online.hypermesh.trustchain.core.crypto.soft.WrappedKeyStore;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The software token's keys in crypto_key; inserts join the caller's transaction. */
@ApplicationScoped
public class JpaWrappedKeyStore implements WrappedKeyStore {
    @PersistenceContext(unitName = "trustchain")
    EntityManager em;

    @Override
    public Optional<WrappedKey> find(String alias) {
        CryptoKeyEntity e = em.find(CryptoKeyEntity.class, alias);
        return e == null ? Optional.empty()
                : Optional.of(new WrappedKey(e.alias, KeyType.valueOf(e.keyType), e.publicKey, e.salt, e.iterations, e.iv, e.ciphertext, e.createdAt));
    }

    @Override
    public void insert(WrappedKey key) {
        if (em.find(CryptoKeyEntity.class, key.alias()) != null) {
            throw new TrustChainException(ErrorKind.CONFLICT, "a key with alias " + key.alias() + " already exists");
        }
        CryptoKeyEntity e = new CryptoKeyEntity();
        e.alias = key.alias();
        e.keyType = key.type().name();
        e.publicKey = key.publicKey();
        e.salt = key.salt();
        e.iterations = key.iterations();
        e.iv = key.iv();
        e.ciphertext = key.ciphertext();
        e.createdAt = key.createdAt();
        em.persist(e);
        em.flush();
    }
}
