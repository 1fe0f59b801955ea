package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.domain.AuthorityRecord;
import online.hypermesh.trustchain.ca.domain.AuthorityRepository;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

@ApplicationScoped
public class JpaAuthorityRepository implements AuthorityRepository {
    /** Arbitrary but fixed: the advisory lock key that serialises bootstrap across nodes. */
    private static final long BOOTSTRAP_LOCK = 0x7472757374L; // "trust"

    @PersistenceContext(unitName = "trustchain")
    EntityManager em;

    @Override
    public List<AuthorityRecord> findAll() {
        return em.createQuery("select a from AuthorityEntity a order by a.createdAt, a.id", AuthorityEntity.class)
                .getResultList().stream().map(JpaAuthorityRepository::toRecord).toList();
    }

    @Override
    public void add(AuthorityRecord authority) {
        X509CertificateHolder cert;
        try {
            cert = new X509CertificateHolder(authority.certificate());
        } catch (IOException e) {
            throw TrustChainException.internal("authority certificate is not DER", e);
        }
        AuthorityEntity e = new AuthorityEntity();
        e.id = authority.id();
        e.parentId = authority.parentId();
        e.region = authority.region();
        e.keyAlias = authority.keyAlias();
        e.keyType = authority.keyType().name();
        e.subject = cert.getSubject().toString();
        e.serialNumber = SerialNumbers.toHex(cert.getSerialNumber());
        e.certificate = authority.certificate();
        e.notBefore = cert.getNotBefore().toInstant();
        e.notAfter = cert.getNotAfter().toInstant();
        e.status = authority.status().dbValue();
        e.createdAt = Instant.now();
        em.persist(e);
        em.flush();
    }

    @Override
    public void retire(String id, String successorId, Instant at) {
        AuthorityEntity e = em.find(AuthorityEntity.class, id);
        if (e == null) {
            throw TrustChainException.notFound("no certificate authority '" + id + "'");
        }
        e.status = AuthorityStatus.RETIRED.dbValue();
        e.successorId = successorId;
        e.retiredAt = at;
        em.flush(); // before the successor is inserted: the database allows one active authority per region
    }

    @Override
    public boolean revoke(String id, String reason, Instant at) {
        // Native: the revocation columns (V9) are read by the revocation store, not by this entity.
        return em.createNativeQuery("update certificate_authority set status = 'revoked', revoked_at = ?1, revocation_reason = ?2"
                + " where id = ?3 and status <> 'revoked'")
                .setParameter(1, java.sql.Timestamp.from(at)).setParameter(2, reason).setParameter(3, id)
                .executeUpdate() == 1;
    }

    @Override
    public void lockForBootstrap() {
        em.createNativeQuery("select pg_advisory_xact_lock(" + BOOTSTRAP_LOCK + ")").getSingleResult();
    }

    private static AuthorityRecord toRecord(AuthorityEntity e) {
        return new AuthorityRecord(e.id, e.parentId, e.region, e.keyAlias, KeyType.valueOf(e.keyType), e.certificate,
                AuthorityStatus.fromDb(e.status), e.successorId);
    }
}
