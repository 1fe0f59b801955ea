package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import online.hypermesh.trustchain.ca.api.AuthorityQueries;
import online.hypermesh.trustchain.ca.api.AuthorityRevocationService;
import online.hypermesh.trustchain.ca.api.AuthorityView;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.AuthorityRecord;
import online.hypermesh.trustchain.ca.domain.AuthorityRepository;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitchRepository;
import online.hypermesh.trustchain.ca.domain.RevocationStore;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.RevocationReason;

/**
 * Revokes an intermediate in one transaction under the hierarchy lock (so it cannot race a
 * rollover): stop its issuance (waiting for issuances in flight, as revoke-all does), mark it
 * revoked, record that its parent's CRLs need re-signing, audit. Then the parent's CRLs are
 * re-signed at once; if that fails the recorded request has the publisher retry within seconds.
 * OCSP needs nothing more: the parent's responder reads the row for every request.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class AuthorityRevocationBean implements AuthorityRevocationService {
    private static final Logger LOG = Logger.getLogger(AuthorityRevocationBean.class.getName());

    @Inject
    AuthorityRepository authorities;

    @Inject
    IssuanceSwitchRepository switches;

    @Inject
    RevocationStore revocations;

    @Inject
    AuditTrail audit;

    @EJB
    AuthorityRegistry registry;

    @EJB
    CrlPublisher publisher;

    @EJB
    AuthorityQueries queries;

    @Resource
    UserTransaction transaction;

    @Override
    public AuthorityView revoke(String authorityId, String reasonName, Caller caller) {
        if (caller == null || !caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "revoking a certificate authority needs an admin token");
        }
        RevocationReason reason = finalReason(reasonName);
        String id = authorityId == null ? "" : authorityId.trim();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AuthorityRecord revoked = BeanTransaction.runOrInternal(transaction, "the revocation of authority " + id, () -> {
            authorities.lockForBootstrap();
            AuthorityRecord current = authorities.findAll().stream().filter(a -> a.id().equals(id)).findFirst()
                    .orElseThrow(() -> TrustChainException.notFound("no certificate authority '" + id + "'"));
            if (current.parentId() == null) {
                throw TrustChainException.policy("authority " + id + " is a root: nothing above it lists a revocation;"
                        + " a root leaves service by being removed from the trust stores");
            }
            if (current.status() == AuthorityStatus.REVOKED) {
                throw new TrustChainException(ErrorKind.CONFLICT, "authority " + id + " is already revoked; that is final");
            }
            switches.stopAuthority(id, caller.name(), "revoked (" + reason.apiName() + ")", now);
            authorities.revoke(id, reason.apiName(), now);
            revocations.requestResigning(current.parentId());
            audit.record(new AuditEvent(caller.name(), "authority.revoked", "authority", id,
                    Map.of("reason", reason.apiName(), "parent", current.parentId())));
            return current;
        });
        registry.reload();
        LOG.warning(() -> "authority " + id + " revoked by " + caller.name() + " (" + reason.apiName() + ")");
        try {
            publisher.publish(revoked.parentId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "re-signing the CRLs of " + revoked.parentId() + " after revoking " + id
                    + " failed; its recorded request has the publisher retry within seconds", e);
        }
        return queries.authorities().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    /** An RFC 5280 reason that ends a CA certificate for good and says why (CRL entries of CA certificates carry a reason). */
    static RevocationReason finalReason(String reasonName) {
        if (reasonName == null || reasonName.isBlank()) {
            throw TrustChainException.malformed("field 'reason' is required, e.g. {\"reason\": \"cACompromise\"}");
        }
        RevocationReason reason = RevocationReason.fromApiName(reasonName.trim());
        if (reason == RevocationReason.CERTIFICATE_HOLD || reason == RevocationReason.REMOVE_FROM_CRL || reason == RevocationReason.UNSPECIFIED
                || reason == RevocationReason.AA_COMPROMISE) {
            throw TrustChainException.malformed("revoking an authority is final and names why: " + reason.apiName() + " is not allowed;"
                    + " use cACompromise, keyCompromise, affiliationChanged, superseded, cessationOfOperation or privilegeWithdrawn");
        }
        return reason;
    }
}
