package online.hypermesh.trustchain.ca.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

import online.hypermesh.trustchain.ca.domain.IssuanceJournal;
import online.hypermesh.trustchain.ca.domain.PrecertificateLog;
import online.hypermesh.trustchain.ca.domain.UnfinishedIssuance;

/**
 * Finds issuances that stopped after their intent was recorded (the process died between steps
 * 2 and 5 of {@link IssuanceSteps}) and settles each as incomplete: the precertificate row stays,
 * valid and revocable until it expires, and an audit event says whether the CT log holds it.
 * Nothing is deleted and nothing new is signed: the client that asked is gone, so a final
 * certificate nobody will fetch would only be one more certificate to account for.
 *
 * <p>Only reservations older than {@link #GRACE} are touched, far beyond the longest an
 * issuance in flight can take (the CT submission times out after seconds), so a slow issuance
 * on another node is not cut off; if it ever were, its final transaction sees the settlement and
 * changes nothing. Plain Java like {@link IssuanceSteps}; {@link IssuanceRecoveryTimer} runs it.
 */
final class IssuanceRecovery {
    /** How old an open reservation must be before it counts as abandoned. */
    static final Duration GRACE = Duration.ofMinutes(2);
    /** Reservations settled per transaction. */
    static final int BATCH = 100;

    /** One settled issuance, as the audit trail records it. */
    record Settled(UnfinishedIssuance issuance, OptionalLong leafIndex) {
        String reason() {
            return leafIndex.isPresent()
                    ? "issuance stopped after the precertificate was logged at index " + leafIndex.getAsLong() + "; no final certificate was stored"
                    : "issuance stopped before the precertificate was logged; no final certificate was stored";
        }
    }

    interface Audit {
        void settled(Settled settled);
    }

    private final IssuanceJournal journal;
    private final PrecertificateLog log;
    private final Function<String, byte[]> issuerCertificates;
    private final IssuanceSteps.Transactions transactions;
    private final Audit audit;
    private final Clock clock;

    /** @param issuerCertificates the DER certificate of an issuer, by its id */
    IssuanceRecovery(IssuanceJournal journal, PrecertificateLog log, Function<String, byte[]> issuerCertificates,
                     IssuanceSteps.Transactions transactions, Audit audit, Clock clock) {
        this.journal = journal;
        this.log = log;
        this.issuerCertificates = issuerCertificates;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** Settles every reservation left open for longer than {@code grace}; returns how many, oldest first. */
    List<Settled> settleAbandoned(Duration grace) {
        List<Settled> all = new java.util.ArrayList<>();
        List<Settled> batch;
        do {
            Instant before = clock.instant().minus(grace);
            batch = transactions.inTransaction("settling abandoned issuances", () -> {
                List<Settled> settled = new java.util.ArrayList<>();
                for (UnfinishedIssuance u : journal.unfinished(before, BATCH)) {
                    OptionalLong leafIndex = log.find(u.precertificateDer(), issuerCertificates.apply(u.issuerId()));
                    if (journal.settleIncomplete(u.serialHex(), clock.instant())) {
                        Settled s = new Settled(u, leafIndex);
                        audit.settled(s);
                        settled.add(s);
                    }
                }
                return settled;
            });
            all.addAll(batch);
        } while (batch.size() == BATCH);
        return all;
    }
}
