package online.hypermesh.trustchain.doq.forward;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Forwarded answers kept for their TTL, bounded by entry count (least recently used goes first).
 *
 * <p>Positive answers live for the smallest TTL among their records. Negative answers (NXDOMAIN, and
 * NODATA: NOERROR without answer records) live for min(SOA TTL, SOA MINIMUM) of the SOA in their
 * authority section, and that SOA is stored with this TTL (RFC 2308 3 and 5); without an SOA they
 * are not cached (RFC 2308 5). Other rcodes are never cached. Answers come back with every TTL
 * lowered by the whole seconds they have been cached.
 *
 * <p>All access to the map holds the instance lock: lookups reorder the LRU list, so they write too.
 */
final class AnswerCache {

    /** RFC 8767 4 suggests capping positive TTLs; a day keeps a bad record from lingering for weeks. */
    static final long MAX_POSITIVE_TTL = 86_400;
    /** RFC 2308 5: negative caching beyond one to three hours is not recommended. */
    static final long MAX_NEGATIVE_TTL = 10_800;

    record Key(Name name, int type, int dclass, boolean dnssecOk) {
    }

    private record Entry(ForwardedAnswer answer, long storedMillis, long expiresMillis) {
    }

    private final InstantSource clock;
    private final int maxEntries;
    private final Map<Key, Entry> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    AnswerCache(int maxEntries, InstantSource clock) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > AnswerCache.this.maxEntries;
            }
        };
    }

    /** The cached answer with aged TTLs; counts a hit or a miss. */
    Optional<ForwardedAnswer> get(Key key) {
        long now = clock.millis();
        Entry entry;
        synchronized (this) {
            entry = entries.get(key);
            if (entry != null && now >= entry.expiresMillis()) {
                entries.remove(key);
                entry = null;
            }
        }
        if (entry == null) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(entry.answer().aged((now - entry.storedMillis()) / 1000));
    }

    /** Stores an answer if it may be cached; returns what was stored (TTLs capped, negative SOA adjusted). */
    Optional<ForwardedAnswer> put(Key key, ForwardedAnswer answer) {
        Optional<ForwardedAnswer> cacheable = cacheable(answer);
        cacheable.ifPresent(a -> {
            long ttl = minTtl(a);
            if (ttl > 0) {
                long now = clock.millis();
                synchronized (this) {
                    entries.put(key, new Entry(a, now, now + ttl * 1000));
                }
            }
        });
        return cacheable;
    }

    CacheStatistics statistics() {
        int size;
        synchronized (this) {
            size = entries.size();
        }
        return new CacheStatistics(hits.sum(), misses.sum(), size);
    }

    private static Optional<ForwardedAnswer> cacheable(ForwardedAnswer a) {
        boolean nxdomain = a.rcode() == Rcode.NXDOMAIN;
        boolean noerror = a.rcode() == Rcode.NOERROR;
        if (!nxdomain && !noerror) {
            return Optional.empty();
        }
        if (noerror && !a.answer().isEmpty()) {
            return Optional.of(new ForwardedAnswer(a.rcode(), capped(a.answer(), MAX_POSITIVE_TTL),
                    capped(a.authority(), MAX_POSITIVE_TTL), capped(a.additional(), MAX_POSITIVE_TTL)));
        }
        // Negative: the SOA decides how long (RFC 2308 5), or nothing is cached.
        List<Record> authority = new ArrayList<>();
        boolean sawSoa = false;
        for (Record r : a.authority()) {
            if (r instanceof SOARecord soa && !sawSoa) {
                sawSoa = true;
                long negativeTtl = Math.min(MAX_NEGATIVE_TTL, Math.min(soa.getTTL(), soa.getMinimum()));
                authority.add(Ttls.withTtl(soa, negativeTtl));
            } else {
                authority.add(Ttls.withTtl(r, Math.min(r.getTTL(), MAX_NEGATIVE_TTL)));
            }
        }
        if (!sawSoa) {
            return Optional.empty();
        }
        return Optional.of(new ForwardedAnswer(a.rcode(), capped(a.answer(), MAX_NEGATIVE_TTL), authority,
                capped(a.additional(), MAX_NEGATIVE_TTL)));
    }

    private static List<Record> capped(List<Record> records, long cap) {
        List<Record> out = new ArrayList<>(records.size());
        for (Record r : records) {
            out.add(r.getTTL() > cap ? Ttls.withTtl(r, cap) : r);
        }
        return out;
    }

    private static long minTtl(ForwardedAnswer a) {
        long min = Long.MAX_VALUE;
        for (List<Record> section : List.of(a.answer(), a.authority(), a.additional())) {
            for (Record r : section) {
                if (r.getType() != Type.OPT) {
                    min = Math.min(min, r.getTTL());
                }
            }
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }
}
