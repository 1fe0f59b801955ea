package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;

/**
 * The write-ahead record of issuance: what the CA meant to issue, written before anything it
 * signed can become public, and how each issuance ended.
 *
 * <p>Durability: every method joins the caller's JTA transaction and is durable only when that
 * commits. Issuance calls {@link #recordIntent} in a transaction of its own that commits before
 * the precertificate is logged, and {@link #recordFinal} in a second one after the log answered.
 * A crash between the two leaves a reservation in state {@code reserved} with its precertificate
 * row, which {@link #unfinished} finds and {@link #settleIncomplete} ends.
 *
 * <p>Concurrency: {@link #recordFinal} and {@link #settleIncomplete} each lock the reservation
 * row; whichever commits first decides how the issuance ended, the other sees it and changes
 * nothing. {@link #unfinished} skips rows another transaction holds.
 */
public interface IssuanceJournal {

    /**
     * Step 1 of issuance: reserves the serial (unique across the database), stores the request and
     * the precertificate as a certificate row with status valid (so it is revocable and OCSP
     * answers good for it from now on) and no final certificate yet.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException CONFLICT if the intent
     *         renews a certificate that another issuance renews or renewed already
     */
    void recordIntent(IssuanceIntent intent);

    /**
     * Step 3: stores the final certificate for a reservation made by {@link #recordIntent},
     * links a renewal to its predecessor, and marks the reservation issued, if the reservation is
     * still {@code reserved} and its row still valid; otherwise changes nothing and says why.
     */
    Completion recordFinal(String serialHex, byte[] certificateDer, Instant issuedAt);

    /** How {@link #recordFinal} ended. */
    enum Completion {
        /** The final certificate is stored. */
        STORED,
        /** The reservation was settled as incomplete first (the issuance took longer than recovery waits). */
        SETTLED_MEANWHILE,
        /** The precertificate's serial was revoked while the final certificate was being signed. */
        REVOKED_MEANWHILE
    }

    /**
     * Ends an issuance that will not produce a final certificate: the reservation becomes
     * {@code incomplete} (the precertificate row stays, valid and revocable, until it expires).
     * Returns false, changing nothing, if the reservation is not {@code reserved} any more.
     */
    boolean settleIncomplete(String serialHex, Instant at);

    /**
     * Up to {@code limit} reservations still {@code reserved} that were made before
     * {@code reservedBefore}, oldest first, locked until the caller's transaction ends; rows that
     * another transaction holds (an issuance finishing right now) are skipped.
     */
    List<UnfinishedIssuance> unfinished(Instant reservedBefore, int limit);
}
