package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;

/**
 * The write-ahead record of issuance delegated to an external CA (V31), the counterpart of
 * {@link IssuanceJournal} for certificates TrustChain does not sign.
 *
 * <p>Durability: every method joins the caller's JTA transaction. Delegated issuance commits
 * {@link #recordRequest} before the external CA is asked, and {@link #recordIssued} after it
 * answered and confirmed; a crash between the two leaves the request {@code requested}, which
 * {@link #unfinished} finds and {@link #settle} ends as incomplete, so a certificate the external
 * CA issued but TrustChain never stored is at least on the record.
 *
 * <p>Concurrency: {@link #recordIssued} and {@link #settle} change a request only while it is
 * {@code requested} (a conditional update); whichever commits first decides, the other changes nothing.
 */
public interface DelegationJournal {

    /** A delegated request about to be sent: stores the request and the intent, returns the intent's id. */
    long recordRequest(IssuanceRequestRecord request, String externalCa, String transactionIdHex);

    /**
     * Stores the external CA's certificate like one of TrustChain's own (a serial reservation in
     * state issued, a certificate row whose external_ca is set and issuer_id null) and marks the
     * intent issued. Returns false, storing nothing, if the intent is no longer {@code requested}.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException CONFLICT if the serial is already used
     */
    boolean recordIssued(long intentId, DelegatedCertificate certificate, Instant at);

    /** Ends a request as {@code refused} or {@code incomplete} with why; false (nothing changed) if it was settled already. */
    boolean settle(long intentId, Outcome outcome, String why, Instant at);

    /** Up to {@code limit} requests still {@code requested} since before {@code before}, oldest first, locked (skipping locked ones). */
    List<UnfinishedDelegation> unfinished(Instant before, int limit);

    enum Outcome {
        REFUSED, INCOMPLETE
    }

    /**
     * A certificate the external CA issued and TrustChain checked.
     *
     * @param serialHex lower-case hex, the external CA's serial
     * @param names     SAN values as text, as requested
     */
    record DelegatedCertificate(String serialHex, String externalCa, String profile, String subject, List<String> names,
                                Instant notBefore, Instant notAfter, byte[] der) {
        public DelegatedCertificate {
            names = List.copyOf(names);
        }
    }

    /** A delegated request whose issuance stopped after the external CA was asked. */
    record UnfinishedDelegation(long id, String externalCa, String transactionIdHex, String requestedBy, Instant requestedAt) {
    }
}
