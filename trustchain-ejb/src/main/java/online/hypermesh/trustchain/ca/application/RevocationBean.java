package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CertificateDetails;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.CertificateStatusChanged;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.RevocationReason;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * Revocation in one transaction: lock the row, check the transition, write status and audit.
 * CRLs and OCSP answers are derived from the certificate rows, so they see the change as soon as
 * it commits.
 */
@Stateless
public class RevocationBean implements RevocationService {
    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @EJB
    CertificateQueries queries;

    @Inject
    Event<CertificateStatusChanged> statusEvents;

    @Override
    public CertificateDetails revoke(String serialHex, String reasonName, Caller caller) {
        if (caller == null || !caller.mayRevoke()) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "this account may not revoke certificates; it needs the officer, issuer or admin role");
        }
        if (reasonName == null || reasonName.isBlank()) {
            throw TrustChainException.malformed("field 'reason' is required, e.g. {\"reason\": \"keyCompromise\"}");
        }
        RevocationReason reason = RevocationReason.fromApiName(reasonName.trim());
        String serial = SerialNumbers.canonicalApiSerial(serialHex);
        CertificateRecord current = certificates.findForUpdate(serial)
                .orElseThrow(() -> TrustChainException.notFound("no certificate with serial number " + serial));
        Instant now = Instant.now();
        boolean onHold = current.status() == CertificateStatus.REVOKED
                && RevocationReason.CERTIFICATE_HOLD.apiName().equals(current.revocationReason());

        if (reason == RevocationReason.REMOVE_FROM_CRL) {
            if (!onHold) {
                throw new TrustChainException(ErrorKind.CONFLICT, "removeFromCRL releases a certificate on hold, and "
                        + serial + " is not on hold (status " + current.status().apiValue() + ")");
            }
            certificates.updateRevocation(serial, CertificateStatus.VALID, null, null);
            audit.record(new AuditEvent(caller.name(), "certificate.hold-released", "certificate", serial, Map.of()));
            statusEvents.fire(new CertificateStatusChanged(serial, current.issuerId(), CertificateStatus.VALID, null, null));
            return queries.find(serial);
        }
        if (current.status() == CertificateStatus.REVOKED && !onHold) {
            throw new TrustChainException(ErrorKind.CONFLICT, "certificate " + serial + " is already revoked ("
                    + current.revocationReason() + " at " + current.revokedAt() + "); that is final");
        }
        if (onHold && reason == RevocationReason.CERTIFICATE_HOLD) {
            throw new TrustChainException(ErrorKind.CONFLICT, "certificate " + serial + " is already on hold");
        }
        if (current.status() == CertificateStatus.EXPIRED || current.notAfter().isBefore(now)) {
            throw new TrustChainException(ErrorKind.CONFLICT, "certificate " + serial + " expired at " + current.notAfter()
                    + "; an expired certificate is not revoked");
        }
        // A hold keeps its original revocation time when it becomes final (RFC 5280 5.3.2 invalidity aside).
        Instant revokedAt = onHold ? current.revokedAt() : now;
        certificates.updateRevocation(serial, CertificateStatus.REVOKED, reason.apiName(), revokedAt);
        audit.record(new AuditEvent(caller.name(), "certificate.revoked", "certificate", serial,
                Map.of("reason", reason.apiName(), "issuer", current.issuerId())));
        statusEvents.fire(new CertificateStatusChanged(serial, current.issuerId(), CertificateStatus.REVOKED, reason.apiName(), revokedAt));
        return queries.find(serial);
    }
}
