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

    @Inject
    ExternalCaDelegation delegation;

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
        if (current.delegated()) {
            return revokeDelegated(current, reason, caller);
        }
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

    /**
     * A certificate an external CA issued: that CA revokes it (CMP rr), under our row lock, and
     * only once it granted the revocation is it recorded here; a failed rr changes nothing. Its
     * CRL and OCSP are the external CA's, so no CRL of ours is re-signed. A hold is not offered:
     * a CMP rr cannot be undone through TrustChain.
     */
    private CertificateDetails revokeDelegated(CertificateRecord current, RevocationReason reason, Caller caller) {
        String serial = current.serialHex();
        if (reason == RevocationReason.CERTIFICATE_HOLD || reason == RevocationReason.REMOVE_FROM_CRL) {
            throw TrustChainException.policy("certificate " + serial + " was issued by external CA " + current.externalCa()
                    + "; its revocation through TrustChain is final, so " + reason.apiName() + " is not offered for it");
        }
        if (current.status() == CertificateStatus.REVOKED) {
            throw new TrustChainException(ErrorKind.CONFLICT, "certificate " + serial + " is already revoked ("
                    + current.revocationReason() + " at " + current.revokedAt() + "); that is final");
        }
        Instant now = Instant.now();
        if (current.status() == CertificateStatus.EXPIRED || current.notAfter().isBefore(now)) {
            throw new TrustChainException(ErrorKind.CONFLICT, "certificate " + serial + " expired at " + current.notAfter()
                    + "; an expired certificate is not revoked");
        }
        if (!current.externalCa().equals(delegation.name())) {
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "certificate " + serial + " was issued by external CA "
                    + current.externalCa() + ", which is not configured any more (trustchain.delegation.name is " + delegation.name()
                    + "); revoke it at that CA");
        }
        try {
            org.bouncycastle.cert.X509CertificateHolder certificate = new org.bouncycastle.cert.X509CertificateHolder(current.der());
            delegation.client().revoke(certificate.getIssuer(), certificate.getSerialNumber(), reason.code());
        } catch (java.io.IOException e) {
            throw TrustChainException.internal("the stored certificate " + serial + " cannot be read", e);
        } catch (online.hypermesh.trustchain.bridge.cmp.client.ExternalCaException e) {
            // Revoked there already (an earlier rr whose record here failed): record it now.
            boolean revokedThere = e.kind() == online.hypermesh.trustchain.bridge.cmp.client.ExternalCaException.Kind.REFUSED
                    && (e.failInfo() & org.bouncycastle.asn1.cmp.PKIFailureInfo.certRevoked) != 0;
            if (!revokedThere) {
                throw ExternalCaDelegation.revocationFailure(serial, e);
            }
        }
        certificates.updateRevocation(serial, CertificateStatus.REVOKED, reason.apiName(), now);
        audit.record(new AuditEvent(caller.name(), "certificate.revoked", "certificate", serial,
                Map.of("reason", reason.apiName(), "issuer", current.externalCa(), "delegated_to", current.externalCa())));
        statusEvents.fire(new CertificateStatusChanged(serial, current.externalCa(), CertificateStatus.REVOKED, reason.apiName(), now, true));
        return queries.find(serial);
    }
}
