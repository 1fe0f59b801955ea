package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;

/**
 * Records a serial whose precertificate was signed but whose issuance then failed. It commits in
 * its own transaction because the issuance transaction is about to roll back, and the fact that
 * a precertificate exists (it may already sit in the CT log) must survive that rollback.
 */
@Stateless
public class UnusedSerials {
    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String serialHex, String issuerId, String actor, String why) {
        certificates.recordUnusedSerial(serialHex, issuerId, Instant.now());
        audit.record(new AuditEvent(actor, "certificate.precertificate_unused", "certificate", serialHex,
                Map.of("issuer", issuerId, "reason", why)));
    }
}
