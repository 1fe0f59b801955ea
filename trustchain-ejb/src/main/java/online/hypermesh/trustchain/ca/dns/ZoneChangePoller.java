package online.hypermesh.trustchain.ca.dns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies other nodes' committed zone changes to this node's zone: reads {@code dns_change} after
 * the cursor and re-reads each named subject from the database (so applying a row twice, or late,
 * is harmless). Rows this node wrote are skipped, it applied them after its own commit. One
 * {@link #pollOnce} runs at a time (the caller schedules it with a fixed delay).
 */
final class ZoneChangePoller {

    static final int BATCH = 1000;

    private final DnsChangeLog log;
    private final ZonePublisher zone;
    private final ChangeCursor cursor;

    ZoneChangePoller(DnsChangeLog log, ZonePublisher zone, long startAfterId) {
        this.log = log;
        this.zone = zone;
        this.cursor = new ChangeCursor(startAfterId);
    }

    /** Reads and applies what is new; returns how many rows were read. */
    int pollOnce() {
        List<DnsChange> rows = log.after(cursor.lastId(), cursor.gaps(), BATCH);
        List<Runnable> changes = new ArrayList<>();
        for (DnsChange row : rows) {
            if (row.node().equals(zone.nodeId())) {
                continue;
            }
            if (DnsChange.NAME.equals(row.kind())) {
                changes.add(() -> zone.refreshName(row.subject()));
            } else if (DnsChange.CERTIFICATE.equals(row.kind())) {
                changes.add(() -> zone.refreshCertificate(row.subject()));
            } else if (DnsChange.TXT.equals(row.kind())) {
                changes.add(() -> zone.refreshTxt(row.subject()));
            }
        }
        if (!changes.isEmpty()) {
            zone.applyAll(changes);
        }
        cursor.advance(rows, Instant.now());
        return rows.size();
    }
}
