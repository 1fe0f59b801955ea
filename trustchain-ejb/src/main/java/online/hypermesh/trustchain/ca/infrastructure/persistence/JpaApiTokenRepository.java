package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;

@ApplicationScoped
public class JpaApiTokenRepository implements ApiTokenRepository {
    @PersistenceContext(unitName = "trustchain")
    EntityManager em;

    @Override
    public Optional<StoredToken> findActiveByHash(byte[] sha256) {
        return em.createQuery("select t from ApiTokenEntity t where t.tokenHash = :hash and t.revokedAt is null", ApiTokenEntity.class)
                .setParameter("hash", sha256).getResultStream().findFirst()
                .map(t -> new StoredToken(t.name, t.role));
    }

    @Override
    public void add(String name, byte[] sha256, String role, Instant createdAt) {
        ApiTokenEntity e = new ApiTokenEntity();
        e.name = name;
        e.tokenHash = sha256;
        e.role = role;
        e.createdAt = createdAt;
        em.persist(e);
    }

    @Override
    public boolean existsWithName(String name) {
        return !em.createQuery("select t.id from ApiTokenEntity t where t.name = :name", Long.class)
                .setParameter("name", name).getResultList().isEmpty();
    }
}
