package online.hypermesh.trustchain.ca.dns;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a node is in {@code dns_change}. Ids come from a sequence and are taken before commit, so
 * id 10 may become visible after id 11: when a read jumps over ids, the cursor remembers them as
 * gaps and asks for them again until they appear or {@link #GAP_PATIENCE} passes (a rolled-back
 * transaction never fills its gap; WildFly's default transaction timeout is five minutes).
 * Not thread-safe: one poller owns it.
 */
final class ChangeCursor {

    static final Duration GAP_PATIENCE = Duration.ofMinutes(6);
    /** More open gaps than this means something else is wrong; the oldest are given up first. */
    static final int MAX_GAPS = 10_000;

    private long lastId;
    /** Missing id -> when it was first missed. Insertion order is age order. */
    private final Map<Long, Instant> gaps = new LinkedHashMap<>();

    ChangeCursor(long lastId) {
        this.lastId = lastId;
    }

    long lastId() {
        return lastId;
    }

    long[] gaps() {
        return gaps.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    /** Takes note of rows read (in id order): fills the gaps they close, opens gaps for ids they skip. */
    void advance(List<DnsChange> rows, Instant now) {
        for (DnsChange row : rows) {
            long id = row.id();
            if (id <= lastId) {
                gaps.remove(id);
                continue;
            }
            for (long missing = lastId + 1; missing < id; missing++) {
                gaps.put(missing, now);
            }
            lastId = id;
        }
        Instant giveUp = now.minus(GAP_PATIENCE);
        for (Iterator<Map.Entry<Long, Instant>> it = gaps.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Instant> gap = it.next();
            if (gap.getValue().isBefore(giveUp) || gaps.size() > MAX_GAPS) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
