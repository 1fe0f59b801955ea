package online.hypermesh.trustchain.ca.application;

import java.math.BigInteger;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import online.hypermesh.trustchain.ca.domain.CertificateStatusChanged;

/**
 * Drops this node's cached OCSP answer about a certificate once its status change has committed.
 * The observer runs in the committing thread before the revoking call returns, so the caller's
 * next OCSP request to this node is answered from the database.
 */
@ApplicationScoped
public class OcspCacheInvalidation {
    @EJB
    OcspAnswerCache answers;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificateStatusChanged change) {
        answers.cache().invalidate(new BigInteger(change.serialHex(), 16));
    }
}
