package online.hypermesh.trustchain.ca.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.ca.application.BeanTransaction;
import online.hypermesh.trustchain.ca.domain.AcmeRepository;
import online.hypermesh.trustchain.ca.domain.AcmeRepository.FinalizationOutcome;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.error.OutageLog;

/**
 * Settles ACME orders whose finalization a crash cut off. Finalization moves an order to
 * processing, issues (its own transactions, the CT log between them) and then stores the
 * certificate on the order; a process that dies in between leaves the order processing, and its
 * client would poll it for ever. Every minute, on every node, an order processing for longer
 * than {@link #GRACE} is settled from what the database says the finalization did:
 * <ul>
 * <li>its CSR was issued as a final certificate: the order becomes valid with that certificate
 * and its chain, as if the finalization had finished ({@code acme.order.valid}, recovered);
 * <li>its issuance still holds a reserved serial: left alone, for the issuance recovery to settle
 * first (a precertificate without its final certificate ends incomplete there);
 * <li>nothing was issued: the order becomes invalid with a serverInternal problem that tells
 * the client to place a new order ({@code acme.order.interrupted}).
 * </ul>
 * An order whose certificate waits for four-eyes approval ({@link HeldFinalizations}) is settled
 * from its approval instead: left processing while it waits, valid or invalid once decided.
 * {@link #GRACE} is far beyond the longest finalization (seconds) and beyond the issuance
 * recovery's own grace, so a slow finalization on another node is never cut off. Each order is
 * settled in its own transaction by a conditional update, so two nodes settle it once.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AcmeFinalizationRecovery {
    static final Duration GRACE = Duration.ofMinutes(5);
    static final String INTERRUPTED_EVENT = "acme.order.interrupted";
    private static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(AcmeFinalizationRecovery.class.getName());

    @Inject
    AcmeRepository store;

    @Inject
    AuditTrail audit;

    @Inject
    HeldFinalizations held;

    @Resource
    UserTransaction transaction;

    @Schedule(hour = "*", minute = "*", second = "50", persistent = false, info = "settle-interrupted-acme-finalizations")
    public void everyMinute() {
        try {
            List<String> orders = BeanTransaction.runOrInternal(transaction, "find interrupted ACME finalizations",
                    () -> store.ordersFinalizingBefore(Instant.now().minus(GRACE), BATCH));
            for (String id : orders) {
                settle(id);
            }
        } catch (RuntimeException e) {
            if (!OutageLog.absorbs(e)) {
                LOG.log(Level.WARNING, "settling interrupted ACME finalizations failed (" + e.getMessage() + "); the next run retries");
            }
        }
    }

    private void settle(String id) {
        String outcome = BeanTransaction.runOrInternal(transaction, "settle an interrupted ACME finalization", () -> {
            // An order held for four-eyes approval is processing for as long as the officers take: not interrupted.
            switch (held.settle(id, "system:recovery")) {
                case WAITING -> {
                    return null;
                }
                case SETTLED -> {
                    return "settled from its approval";
                }
                case NOT_HELD -> {
                    // an ordinary finalization: below
                }
            }
            FinalizationOutcome found = store.finalizationOutcome(id);
            switch (found.state()) {
                case ISSUED -> {
                    store.orderIssued(id, found.serial(), held.served(found.certificateDer(), found.issuerId()));
                    audit.record(new AuditEvent("system:recovery", "acme.order.valid", "acme_order", id,
                            Map.of("serial", found.serial(), "validation", String.join(",", store.validatedBy(id)), "recovered", "true")));
                    return "valid with certificate " + found.serial();
                }
                case IN_FLIGHT -> {
                    return null;
                }
                default -> {
                    AcmeProblem problem = new AcmeProblem(AcmeProblem.Type.SERVER_INTERNAL, "the finalization of this order was interrupted"
                            + " before a certificate was stored, and no certificate was issued for it; place a new order");
                    if (!store.moveOrder(id, "processing", "invalid", problem.toJson())) {
                        return null;
                    }
                    audit.record(new AuditEvent("system:recovery", INTERRUPTED_EVENT, "acme_order", id,
                            Map.of("reason", "finalization interrupted; no certificate was issued")));
                    return "invalid (nothing was issued)";
                }
            }
        });
        if (outcome != null) {
            LOG.warning(() -> "ACME order " + id + " was left processing by an interrupted finalization; settled as " + outcome);
        }
    }
}
