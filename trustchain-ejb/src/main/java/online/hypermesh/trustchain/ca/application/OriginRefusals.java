package online.hypermesh.trustchain.ca.application;

import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;

/**
 * Audits a request refused because it came from outside its account's allowlist. In a
 * transaction of its own: the request itself is refused (and its transaction rolled back), the
 * record of the refusal must stay.
 */
@Stateless
public class OriginRefusals {
    @Inject
    AuditTrail audit;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refused(String account, String address, long refusedSinceLastEvent) {
        audit.record(new AuditEvent(account, "request.refused.origin", "account", account, Map.of(
                "address", address, "refused_since_last_event", Long.toString(refusedSinceLastEvent))));
    }
}
