package online.hypermesh.trustchain.core.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.ocsp.TBSRequest;

/**
 * Signed OCSP answers kept in memory and served again without a database read or a signature
 * (the RFC 5019 profile: one certificate, no nonce, a response any cache may keep until its
 * nextUpdate). Only those requests are answered from here; a request with a nonce, several
 * CertIDs or a signature is always answered live, and so is any answer that is not a successful
 * good or revoked (unknown serials are not remembered: a certificate being issued must not be
 * "unknown" for minutes).
 *
 * <p>Freshness: an answer is served until half its validity has passed, then the next request
 * signs a new one, so nothing served is ever close to its nextUpdate. A status change
 * {@link #invalidate invalidates} the serial's answer; the caller does that right after the change
 * commits on this node, and for other nodes within about a second (see the EJB tier's poller).
 *
 * <p>The race it closes: a request that missed reads "good", a revocation commits and invalidates,
 * and only then the request offers its (now stale) answer. {@link #ticket} is taken before the
 * status is read and {@link #offer} refuses an answer if any invalidation happened since, so a
 * stale answer is never stored; a burst of revocations therefore pauses caching, never correctness.
 *
 * <p>Bounded: at {@code maxEntries} the entries due for refresh are dropped, and if that frees
 * nothing, everything (the next requests re-sign; no LRU bookkeeping on the hot path). Thread-safe.
 */
public final class OcspResponseCache {
    private final int maxEntries;
    private final Map<BigInteger, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation; see the class comment. */
    private final AtomicLong invalidations = new AtomicLong();
    /** What the cached answers were signed for (the responder credentials); a change empties the cache. */
    private volatile Object signers;

    /** @param maxEntries at most this many answers; 0 turns the cache off (every answer signed live) */
    public OcspResponseCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.maxEntries = maxEntries;
    }

    /** The CertID of a request that may be answered from the cache; empty for every other request, malformed ones included. */
    public static Optional<Key> keyOf(byte[] requestDer) {
        if (requestDer == null || requestDer.length == 0 || requestDer.length > OcspResponder.MAX_REQUEST_BYTES) {
            return Optional.empty();
        }
        try {
            OCSPRequest request = OCSPRequest.getInstance(ASN1Primitive.fromByteArray(requestDer));
            TBSRequest tbs = request.getTbsRequest();
            if (request.getOptionalSignature() != null || tbs.getRequestExtensions() != null || tbs.getRequestList().size() != 1) {
                return Optional.empty();
            }
            Request single = Request.getInstance(tbs.getRequestList().getObjectAt(0));
            if (single.getSingleRequestExtensions() != null) {
                return Optional.empty();
            }
            return Optional.of(new Key(single.getReqCert().getSerialNumber().getValue(), single.getReqCert().getEncoded()));
        } catch (Exception e) {
            return Optional.empty(); // the live responder answers malformedRequest
        }
    }

    /**
     * Forgets every answer if the responder credentials are not the ones the cached answers were
     * signed with (a rotation): compared by identity, since the credentials are an immutable snapshot.
     */
    public void signedBy(Object credentials) {
        if (signers != credentials) {
            synchronized (this) {
                if (signers != credentials) {
                    invalidations.incrementAndGet();
                    entries.clear();
                    signers = credentials;
                }
            }
        }
    }

    /** The stored answer for {@code key} if it is not yet due for refresh at {@code now}. */
    public Optional<byte[]> answer(Key key, Instant now) {
        Entry entry = entries.get(key.serial());
        if (entry == null || !Arrays.equals(entry.certId(), key.certId()) || !now.isBefore(entry.refreshAt())) {
            return Optional.empty();
        }
        return Optional.of(entry.response());
    }

    /** Take before reading the status for an answer that will be {@link #offer offered}. */
    public long ticket() {
        return invalidations.get();
    }

    /**
     * Stores {@code responseDer} as the answer for {@code key} if it may be cached: a successful
     * response whose only SingleResponse is good or revoked for exactly this CertID, without
     * nonce, and no invalidation happened since {@code ticket}. Returns whether it was stored.
     */
    public boolean offer(Key key, byte[] responseDer, long ticket) {
        if (maxEntries == 0) {
            return false;
        }
        Optional<OcspResponseTimes> times = OcspResponseTimes.cacheable(responseDer, key.certId());
        if (times.isEmpty()) {
            return false;
        }
        Instant refreshAt = times.get().thisUpdate().plus(java.time.Duration.between(times.get().thisUpdate(), times.get().nextUpdate()).dividedBy(2));
        if (entries.size() >= maxEntries && !entries.containsKey(key.serial())) {
            makeRoom(times.get().thisUpdate());
        }
        // Checked last and again after the put: an invalidation between the two removes our entry itself.
        if (invalidations.get() != ticket) {
            return false;
        }
        Entry entry = new Entry(key.certId(), responseDer.clone(), refreshAt);
        entries.put(key.serial(), entry);
        if (invalidations.get() != ticket) {
            entries.remove(key.serial(), entry);
            return false;
        }
        return true;
    }

    /** Forgets the answer about {@code serial} (its status changed, or may have). */
    public void invalidate(BigInteger serial) {
        invalidations.incrementAndGet();
        entries.remove(serial);
    }

    /**
     * Forgets the answer about {@code serial} without refusing offers in flight: for a caller that
     * repeats its evictions over a window (so a stale answer offered after one eviction is caught
     * by the next), where {@link #invalidate} would pause caching on every repetition.
     */
    public void evict(BigInteger serial) {
        entries.remove(serial);
    }

    /** Forgets every answer (more changes at once than are worth naming one by one). */
    public void invalidateAll() {
        invalidations.incrementAndGet();
        entries.clear();
    }

    /** How many answers are held. */
    public int size() {
        return entries.size();
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(e -> !now.isBefore(e.refreshAt()));
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
    }

    /** A cacheable request: the serial it asks about and the DER of its CertID (hash algorithm, issuer hashes, serial). */
    public record Key(BigInteger serial, byte[] certId) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && serial.equals(k.serial) && Arrays.equals(certId, k.certId);
        }

        @Override
        public int hashCode() {
            return serial.hashCode() * 31 + Arrays.hashCode(certId);
        }

        @Override
        public String toString() {
            return "Key[serial=" + serial.toString(16) + "]";
        }
    }

    private record Entry(byte[] certId, byte[] response, Instant refreshAt) {
    }
}
