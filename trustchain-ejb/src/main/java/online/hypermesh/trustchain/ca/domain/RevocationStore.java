package online.hypermesh.trustchain.ca.domain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import online.hypermesh.trustchain.core.revocation.RevokedEntry;

/**
 * What the CA publishes about revocation: per authority the CRL number counter and the latest full
 * and delta CRL, the delegated OCSP responder credentials, and the certificate statuses both are
 * derived from (the certificate rows that {@link CertificateRepository} writes).
 *
 * <p>Durability: every call joins the caller's transaction; a write is durable when that
 * transaction commits, and is lost with it when it rolls back. Without a transaction each call
 * commits on its own, which is right for reads only: {@link #reserveCrlNumber} and the two
 * {@code store} methods must run in one transaction, so that a CRL becomes visible together with
 * its number. A crash after a number was reserved and before its CRL was stored rolls the
 * reservation back: the number is handed out again, and since no CRL carried it, CRL numbers
 * still increase strictly per authority (RFC 5280 5.2.3).
 *
 * <p>Concurrency: reads take no locks and see committed rows (PostgreSQL read committed) plus the
 * caller's own writes. {@link #reserveCrlNumber} locks the authority's {@code crl_publication} row
 * until the transaction ends, so CRLs of one authority are numbered and stored one at a time
 * across all nodes, and the full CRL a delta CRL is based on cannot change under it. Thread-safe.
 */
public interface RevocationStore {

    /** The latest stored full CRL of {@code authorityId}; empty before its first one. */
    Optional<StoredCrl> latestFullCrl(String authorityId);

    /** The latest stored delta CRL of {@code authorityId}; empty before its first one. */
    Optional<StoredDeltaCrl> latestDeltaCrl(String authorityId);

    /**
     * Reserves the authority's next CRL number (full and delta CRLs share the counter) and locks
     * its row until the caller's transaction ends; a second reserver, on any node, waits.
     */
    long reserveCrlNumber(String authorityId);

    /**
     * Stores a full CRL under the number this transaction reserved.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException INTERNAL if {@code number}
     *         is no longer the authority's latest reservation; the transaction must then roll back
     */
    void storeFullCrl(String authorityId, long number, byte[] der, Instant thisUpdate, Instant nextUpdate);

    /** Stores a delta CRL under the number this transaction reserved; fails like {@link #storeFullCrl}. */
    void storeDeltaCrl(String authorityId, StoredDeltaCrl crl);

    /**
     * What changed for {@code issuerId} since {@code since}, as delta CRL entries (RFC 5280 5.2.4):
     * unexpired revocations (holds included) with their reason, and released holds as
     * removeFromCRL, and the intermediates under it revoked since {@code since}. A change that commits while this reads may be missed, which is why every
     * committed status change republishes the CRLs; a certificate listed in the base CRL as well
     * is harmless, so callers pass a {@code since} somewhat before the base CRL was read.
     */
    List<RevokedEntry> changedSince(String issuerId, Instant since, Instant now);

    /**
     * Revoked (including on hold) certificates of {@code issuerId} that have not expired at
     * {@code now}, and the intermediates under it that were revoked and have not expired.
     */
    List<RevokedEntry> revokedUnexpired(String issuerId, Instant now);

    /**
     * The OCSP status of a serial, read from its certificate row at call time (no cache), so a
     * committed revocation shows in the next answer: unknown unless {@code issuerId} issued it,
     * good for a valid or expired certificate, revoked with time and reason otherwise. The same
     * for an intermediate CA certificate that {@code issuerId} signed.
     */
    online.hypermesh.trustchain.core.revocation.CertificateStatus status(String issuerId, BigInteger serial);

    /**
     * Serials of {@code issuerId}'s certificates whose status changed (revocation, hold, release)
     * in the last {@code windowSeconds} by the database's clock, at most {@code limit} of them. The
     * change time is its transaction's start, so a change that commits later than
     * {@code windowSeconds} after it began is not reported; callers choose a window well beyond
     * their longest status-changing transaction.
     */
    List<BigInteger> statusChangedWithin(String issuerId, int windowSeconds, int limit);

    /** Responder credentials not yet expired at {@code now}, newest first. */
    List<StoredResponder> responders(Instant now);

    /**
     * Adds a responder credential; rows are never updated or deleted. Its {@code keyAlias} must name
     * a key already in the crypto token's table, committed or written earlier in this transaction.
     */
    void addResponder(StoredResponder responder);

    /**
     * Records that {@code authorityId}'s CRLs need re-signing, in the caller's transaction (the one
     * that changed a status the CRLs show). Only inserts: concurrent callers never wait for each
     * other. Certificate status changes through {@link CertificateRepository} record it themselves.
     */
    void requestResigning(String authorityId);

    /** Authorities with a committed re-signing request, each once. */
    List<String> authoritiesToResign();

    /**
     * Deletes the committed re-signing requests of {@code authorityId} and returns how many; call
     * it in the transaction that signs the new full CRL, before reading what the CRL lists. Every
     * request it deletes was committed together with its status change, so the CRL read after it
     * sees that change; a request committed later stays for the next run. A rollback restores them.
     */
    int takeResignRequests(String authorityId);

    /** A stored full CRL. */
    record StoredCrl(byte[] der, long number, Instant thisUpdate, Instant nextUpdate) {
    }

    /** A stored delta CRL and the number of the full CRL it updates. */
    record StoredDeltaCrl(byte[] der, long number, long baseNumber, Instant thisUpdate, Instant nextUpdate) {
    }

    /** A stored responder credential. */
    record StoredResponder(String keyAlias, String authorityId, String keyType, byte[] certificate, Instant notBefore,
                           Instant notAfter) {
    }
}
