package online.hypermesh.trustchain.ca.acme;

import java.util.Map;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.AcmeStatus;
import online.hypermesh.trustchain.ca.api.ApprovalView;
import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.domain.AcmeRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * ACME orders whose finalization waits for a second officer (four-eyes approval, RFC 8555 7.1.3:
 * the order stays processing). The approval is held with reference {@code acme:<order id>}; the
 * order keeps nothing else while it waits. Whoever looks at a processing order next (the client's
 * poll, or {@link AcmeFinalizationRecovery}) settles it from the approval: still waiting, valid
 * with the certificate the approval issued and its chain, or invalid with an unauthorized problem
 * naming the refusal. Each method runs in its caller's transaction.
 */
@ApplicationScoped
public class HeldFinalizations {
    /** What a processing order's approval says. */
    public enum State { NOT_HELD, WAITING, SETTLED }

    @Inject
    AcmeRepository store;

    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @EJB
    Approvals approvals;

    @EJB
    AuthorityRegistry registry;

    /** The approval's reference of order {@code orderId}'s finalization. */
    static String reference(String orderId) {
        return "acme:" + orderId;
    }

    /**
     * Settles processing order {@code orderId} from its approval, if it has one; {@code actor}
     * is recorded as who completed it (the order's account, or the recovery).
     */
    public State settle(String orderId, String actor) {
        Optional<ApprovalView> held = approvals.byReference(reference(orderId));
        if (held.isEmpty()) {
            return State.NOT_HELD;
        }
        ApprovalView approval = held.get();
        Object serial = approval.result() == null ? null : approval.result().get("serial");
        // Approved but still issuing (the approval's own steps commit one by one): the client waits on.
        if ("pending".equals(approval.status()) || "approved".equals(approval.status()) && serial == null) {
            return State.WAITING;
        }
        if ("approved".equals(approval.status())) {
            CertificateRecord issued = certificates.find(serial.toString()).filter(r -> r.der() != null)
                    .orElseThrow(() -> TrustChainException.internal("certificate " + serial + ", issued by approval " + approval.id() + ", is missing", null));
            // The conditional update locks the order: of two polls settling it at once, the second finds it valid and stores nothing.
            if (store.moveOrder(orderId, AcmeStatus.PROCESSING.json(), AcmeStatus.PROCESSING.json(), null)) {
                store.orderIssued(orderId, issued.serialHex(), served(issued.der(), issued.issuerId()));
                audit.record(new AuditEvent(actor, "acme.order.valid", "acme_order", orderId, Map.of("serial", issued.serialHex(),
                        "validation", String.join(",", store.validatedBy(orderId)), "approval", Long.toString(approval.id()))));
            }
            return State.SETTLED;
        }
        AcmeProblem problem = new AcmeProblem(AcmeProblem.Type.UNAUTHORIZED, "four-eyes approval " + approval.id() + " of this certificate was "
                + approval.status() + (approval.reason() == null ? "" : ": " + approval.reason()) + "; nothing was issued, place a new order");
        store.moveOrder(orderId, AcmeStatus.PROCESSING.json(), AcmeStatus.INVALID.json(), problem.toJson());
        return State.SETTLED;
    }

    /**
     * What an order serves for a certificate found after the fact (approved, or recovered after a
     * crash): the leaf and its issuing CA, PEM; a delegated certificate ({@code issuerId} null: no
     * issuer here) alone, its chain being the external CA's to give.
     */
    String served(byte[] leafDer, String issuerId) {
        if (issuerId == null) {
            return Pem.certificate(leafDer);
        }
        try {
            return Pem.certificate(leafDer) + Pem.certificate(registry.byId(issuerId).orElseThrow().authority().certificate().getEncoded());
        } catch (java.io.IOException e) {
            throw TrustChainException.internal("the certificate of CA " + issuerId + " cannot be encoded", e);
        }
    }
}
