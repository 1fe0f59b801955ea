package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;

@ApplicationScoped
public class JpaCertificateRepository implements CertificateRepository {
    @PersistenceContext(unitName = "trustchain")
    EntityManager em;

    @Override
    public boolean reserveSerial(String serialHex, String issuerId, Instant at) {
        // ON CONFLICT keeps a (2^-127-unlikely) collision from aborting the whole transaction.
        int inserted = em.createNativeQuery("insert into serial_reservation (serial_number, issuer_id, state, reserved_at)"
                        + " values (?1, ?2, 'reserved', ?3) on conflict (serial_number) do nothing")
                .setParameter(1, serialHex).setParameter(2, issuerId).setParameter(3, at)
                .executeUpdate();
        return inserted == 1;
    }

    @Override
    public long saveRequest(IssuanceRequestRecord request) {
        CertificateRequestEntity e = new CertificateRequestEntity();
        e.csr = request.csr();
        e.profile = request.profile();
        e.requestedValidityHours = request.requestedValidityHours();
        e.region = request.region();
        e.requestedBy = request.requestedBy();
        e.receivedAt = request.receivedAt();
        em.persist(e);
        em.flush(); // IDENTITY: the id is known only after the insert
        return e.id;
    }

    @Override
    public void saveCertificate(CertificateRecord c) {
        CertificateEntity e = new CertificateEntity();
        e.serialNumber = c.serialHex();
        e.issuerId = c.issuerId();
        e.requestId = c.requestId();
        e.profile = c.profile();
        e.subject = c.subject();
        e.names = c.names().toArray(new String[0]);
        e.notBefore = c.notBefore();
        e.notAfter = c.notAfter();
        e.status = c.status().apiValue();
        e.revocationReason = c.revocationReason();
        e.revokedAt = c.revokedAt();
        e.der = c.der();
        e.issuedAt = c.issuedAt();
        em.persist(e);
        em.createNativeQuery("update serial_reservation set state = 'issued' where serial_number = ?1")
                .setParameter(1, c.serialHex()).executeUpdate();
    }

    @Override
    public Optional<CertificateRecord> find(String serialHex) {
        CertificateEntity e = em.find(CertificateEntity.class, serialHex);
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(new CertificateRecord(e.serialNumber, e.issuerId, e.requestId, e.profile, e.subject,
                e.names == null ? List.of() : List.of(e.names), e.notBefore, e.notAfter, CertificateStatus.fromDb(e.status),
                e.revocationReason, e.revokedAt, e.der, e.issuedAt));
    }
}
