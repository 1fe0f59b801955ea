package online.hypermesh.trustchain.doq.zone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One owner name of the zone, immutable: its RRsets by type, and how many names below it own
 * records. A node with no RRsets but owners below is an empty non-terminal (it exists, RFC 8020).
 * {@link MeshZone} replaces a whole node at once, so a reader sees all of one name's change or none.
 */
record ZoneNode(Map<Integer, List<Record>> rrsets, int ownersBelow) {

    static final ZoneNode EMPTY = new ZoneNode(Map.of(), 0);

    ZoneNode {
        rrsets = Map.copyOf(rrsets);
        if (ownersBelow < 0) {
            throw new IllegalStateException("negative owner count");
        }
    }

    boolean ownsRecords() {
        return !rrsets.isEmpty();
    }

    /** Neither records nor owners below: the name no longer exists and the node can go. */
    boolean isVacant() {
        return rrsets.isEmpty() && ownersBelow == 0;
    }

    ZoneNode withOwnersBelow(int count) {
        return new ZoneNode(rrsets, count);
    }

    ZoneNode withRrsets(Map<Integer, List<Record>> replacement) {
        return new ZoneNode(replacement, ownersBelow);
    }

    List<Record> lookup(int type) {
        if (type == Type.ANY) {
            List<Record> all = new ArrayList<>();
            rrsets.values().forEach(all::addAll);
            return all;
        }
        return rrsets.getOrDefault(type, List.of());
    }
}
