package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ACME server's state (acme_eab_key, acme_account, acme_nonce, acme_order,
 * acme_authorization, acme_challenge, acme_validation_perspective). Statuses are RFC 8555's lower-case names.
 *
 * <p>Durability: writes join the caller's transaction and are durable when it commits. A nonce
 * is stored when it is handed out and deleted by the request that uses it, so it is accepted
 * once, on any node, also after a restart, until it expires.
 *
 * <p>Concurrency: the {@code start}/{@code move} methods are conditional updates (from one status
 * to another) that report whether they won, so two nodes handling the same challenge or finalize
 * at once validate or issue once; the loser sees the row as the winner left it. Thread-safe.
 */
public interface AcmeRepository {

    /** An external account binding key: for which TrustChain account, and whether it bound an ACME account already. */
    record EabKey(String kid, long accountId, byte[] hmacKey, Instant usedAt) {
    }

    /** An ACME account; {@code accountName} is its bound TrustChain account, null when it has none. */
    record AcmeAccount(long id, String thumbprint, String jwk, String status, List<String> contacts, String accountName) {
        public AcmeAccount {
            contacts = List.copyOf(contacts);
        }
    }

    /** An order; {@code replaces} is the RFC 9773 identifier of the certificate it renews (its serial in {@code replacesSerial}), or null. */
    record AcmeOrder(String id, long acmeAccountId, String status, List<String> identifiers, Instant expires, String error,
                     String certificateSerial, String certificateChain, String replaces, String replacesSerial) {
        public AcmeOrder {
            identifiers = List.copyOf(identifiers);
        }
    }

    record AcmeAuthorization(String id, String orderId, long acmeAccountId, String identifier, String status, Instant expires) {
    }

    /** A challenge with its validation result: when, from which address, or the problem document that failed it. */
    record AcmeChallenge(String id, String authorizationId, long acmeAccountId, String identifier, String type, String token, String status,
                         Instant validatedAt, String validatedFrom, String error) {
    }

    /** What one network perspective saw of a challenge ({@code primary} is the CA's own). */
    record PerspectiveResult(String perspective, boolean valid, String validatedFrom, String error) {
    }

    void addNonce(String nonce, Instant expires);

    /**
     * Lets the current transaction, which only spends and stores nonces, commit without waiting
     * for its WAL to reach the disk (PostgreSQL {@code synchronous_commit = off} for this
     * transaction only). That is safe because the WAL is one sequence: the request's own work
     * commits after it, synchronously, and that flush carries the nonce's change too. A crash can
     * therefore lose only nonces whose request changed nothing durable yet (a read, or work that
     * never committed): a lost new nonce is a badNonce and a retry, a lost spend replays a
     * request whose effects are gone too. Everything else stays synchronous.
     */
    void commitNoncesWithoutWaitingForDisk();

    /** Deletes the nonce; true if it existed and had not expired. */
    boolean useNonce(String nonce, Instant now);

    void deleteExpiredNonces(Instant now);

    void addEabKey(String kid, long accountId, byte[] hmacKey, String createdBy, Instant now);

    /** The key, locked until the transaction ends (so two newAccount requests cannot both use it). */
    Optional<EabKey> lockEabKey(String kid);

    /**
     * Inserts the account and marks its EAB key used; empty if an account with that thumbprint
     * exists already (then the caller returns that one).
     */
    Optional<AcmeAccount> createAccount(String thumbprint, String jwk, List<String> contacts, Long accountId, String eabKid, Instant now);

    Optional<AcmeAccount> findAccount(long id);

    Optional<AcmeAccount> findAccountByThumbprint(String thumbprint);

    void updateAccount(long id, String status, List<String> contacts);

    /** Replaces the account's key (key rollover); false if another account has the new key (thumbprint) already. */
    boolean changeKey(long id, String thumbprint, String jwk);

    /** The order with one authorization per identifier and its challenges, as given. */
    void createOrder(AcmeOrder order, List<AcmeAuthorization> authorizations, List<AcmeChallenge> challenges, Instant now);

    Optional<AcmeOrder> findOrder(String id);

    /** Stores each perspective's result of one validation of the challenge. */
    void addPerspectiveResults(String challengeId, List<PerspectiveResult> results, Instant checkedAt);

    /** The perspectives' results of a challenge, primary first. */
    List<PerspectiveResult> perspectiveResults(String challengeId);

    List<String> orderIds(long acmeAccountId);

    /**
     * An order, not invalid, that says it replaces the certificate with this serial (RFC 9773 5):
     * a certificate is replaced once. A unique index enforces it against concurrent orders too.
     */
    Optional<AcmeOrder> findOrderReplacing(String serial);

    /** The types of the valid challenges of the order's authorizations, for the record of how its names were validated. */
    List<String> validatedBy(String orderId);

    /** The order that issued this certificate (canonical serial), if one did. */
    Optional<AcmeOrder> findOrderByCertificate(String serial);

    /** Moves the order from {@code from} to {@code to} with {@code error} (a problem document or null); false if it was not in {@code from}. */
    boolean moveOrder(String id, String from, String to, String error);

    /** The end of a finalization: valid, with the certificate. */
    void orderIssued(String id, String serial, String chainPem);

    /**
     * ready to processing, recording what identifies the issuance this finalization starts (the
     * SHA-256 of its CSR) so that {@link #finalizationOutcome} finds it after a crash; false if
     * the order was not ready (another request moved it first).
     */
    boolean startFinalizing(String id, byte[] csrSha256, Instant now);

    /** Orders that have been processing since before {@code before}: finalizations a crash may have cut off. */
    List<String> ordersFinalizingBefore(Instant before, int limit);

    /**
     * What the finalization of a processing order left: the final certificate its CSR was issued
     * as (requested by the order's TrustChain account, after the finalization started), an issuance
     * still under way (its serial reserved, no final certificate yet), or nothing.
     */
    FinalizationOutcome finalizationOutcome(String orderId);

    /** See {@link #finalizationOutcome}: {@code certificateDer} and {@code issuerId} are set when {@code state} is ISSUED. */
    record FinalizationOutcome(State state, String serial, String issuerId, byte[] certificateDer) {
        public enum State { ISSUED, IN_FLIGHT, NONE }

        public static final FinalizationOutcome NONE = new FinalizationOutcome(State.NONE, null, null, null);
    }

    Optional<AcmeAuthorization> findAuthorization(String id);

    List<AcmeAuthorization> authorizations(String orderId);

    void setAuthorizationStatus(String id, String status);

    Optional<AcmeChallenge> findChallenge(String id);

    List<AcmeChallenge> challenges(String authorizationId);

    /** pending to processing; false if another request moved it first. */
    boolean startChallenge(String id);

    void finishChallenge(String id, String status, Instant validatedAt, String validatedFrom, String error);
}
