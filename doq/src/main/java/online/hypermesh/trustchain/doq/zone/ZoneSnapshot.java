package online.hypermesh.trustchain.doq.zone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * An immutable view of the zone at one SOA serial. Readers take a reference and never lock;
 * writers build a new snapshot and swap it in (see {@link MeshZone}).
 */
public final class ZoneSnapshot {

    private final Name origin;
    private final SOARecord soa;
    private final Map<Name, Map<Integer, List<Record>>> nodes;
    /** Owner names plus every empty non-terminal between them and the origin (RFC 8020: those are NODATA, not NXDOMAIN). */
    private final Set<Name> existingNames;

    ZoneSnapshot(Name origin, SOARecord soa, List<Record> records) {
        this.origin = origin;
        this.soa = soa;
        Map<Name, Map<Integer, Set<Record>>> byName = new HashMap<>();
        Set<Name> names = new HashSet<>();
        for (Record r : records) {
            // An RRset must not hold duplicates (RFC 2181 5): two certificates sharing a key give one TLSA.
            // A set, not a list: a name with many certificates would make the check quadratic.
            byName.computeIfAbsent(r.getName(), n -> new HashMap<>())
                    .computeIfAbsent(r.getType(), t -> new LinkedHashSet<>())
                    .add(r);
            for (Name n = r.getName(); n.subdomain(origin); n = parent(n)) {
                if (!names.add(n) || n.equals(origin)) {
                    break;
                }
            }
        }
        Map<Name, Map<Integer, List<Record>>> frozen = new HashMap<>();
        byName.forEach((name, types) -> {
            Map<Integer, List<Record>> t = new HashMap<>();
            types.forEach((type, list) -> t.put(type, List.copyOf(list)));
            frozen.put(name, Collections.unmodifiableMap(t));
        });
        this.nodes = Collections.unmodifiableMap(frozen);
        this.existingNames = Collections.unmodifiableSet(names);
    }

    private static Name parent(Name n) {
        return new Name(n, 1);
    }

    public Name origin() {
        return origin;
    }

    public SOARecord soa() {
        return soa;
    }

    /** True when the name is at or below the origin, i.e. this server is authoritative for it. */
    public boolean isInZone(Name name) {
        return name.subdomain(origin);
    }

    /** True when the name owns records or is an empty non-terminal above an owner. */
    public boolean nameExists(Name name) {
        return existingNames.contains(name);
    }

    /** Records of one type at a name; ANY returns every record at the name. Never null. */
    public List<Record> lookup(Name name, int type) {
        Map<Integer, List<Record>> types = nodes.get(name);
        if (types == null) {
            return List.of();
        }
        if (type == Type.ANY) {
            List<Record> all = new ArrayList<>();
            types.values().forEach(all::addAll);
            return all;
        }
        return types.getOrDefault(type, List.of());
    }
}
