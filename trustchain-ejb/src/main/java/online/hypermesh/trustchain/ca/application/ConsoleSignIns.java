package online.hypermesh.trustchain.ca.application;

import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;

/**
 * Audits the web console's sign-ins: who, from where, with which credential. A refusal of a known
 * account (it has none of the console's roles) is audited too, in a transaction of its own, since
 * the sign-in itself fails. A credential that names no account is not: anyone could write such
 * rows at will, and the rate limit answers them (an allowlist refusal is OriginRefusals' event).
 */
@Stateless
public class ConsoleSignIns {
    @Inject
    AuditTrail audit;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void signedIn(String account, String address, String credential) {
        audit.record(new AuditEvent(account, "console.signed-in", "account", account, Map.of("address", address, "credential", credential)));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refused(String account, String address, String credential, String reason) {
        audit.record(new AuditEvent(account, "console.sign-in.refused", "account", account,
                Map.of("address", address, "credential", credential, "reason", reason)));
    }
}
