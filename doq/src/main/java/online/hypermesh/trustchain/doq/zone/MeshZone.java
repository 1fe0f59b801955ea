package online.hypermesh.trustchain.doq.zone;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The authoritative in-memory zone of the mesh, updated per name. Readers look a name up in a
 * concurrent map of immutable {@link ZoneNode}s without locking; writers (under one lock) rebuild
 * only the nodes of the names they changed, plus the counts of the ancestors that keep empty
 * non-terminals alive, plus the apex for the new SOA serial. One TLSA change therefore costs
 * O(records at that name + depth of the name), independent of the size of the zone.
 *
 * <p>Changes made inside {@link #batch} are staged and published together when the outermost batch
 * ends, with one serial increment. Names are replaced one at a time, so a concurrent reader can see
 * the batch applied to one name and not yet to another, but never half of one name's change.
 */
public final class MeshZone implements ZoneReader {

    private static final long SOA_REFRESH = 3600;
    private static final long SOA_RETRY = 600;
    private static final long SOA_EXPIRE = 604800;

    private final ZoneSettings settings;
    /** The operator's CAA RRsets (ZoneSettings.caa) by owner, with the zone's TTL; fixed for the zone's life. */
    private final Map<Name, List<Record>> configuredCaa;
    /** What readers see. Written only while holding writeLock. */
    private final Map<Name, ZoneNode> nodes = new ConcurrentHashMap<>();

    private final Object writeLock = new Object();
    // Sources of truth for the published nodes; only touched while holding writeLock.
    private final Map<Name, List<Inet6Address>> addresses = new HashMap<>();
    private final Map<BigInteger, TLSARecord> tlsaBySerial = new HashMap<>();
    /**
     * TLSA records per owner, each with the number of certificate serials that publish it: two
     * certificates sharing a key give one record (an RRset holds no duplicates, RFC 2181 5), and
     * the record stays until the last of them goes.
     */
    private final Map<Name, Map<TLSARecord, Integer>> tlsaByOwner = new HashMap<>();
    /** TXT strings per owner (ACME dns-01 challenge records placed by dynamic update), one string per record. */
    private final Map<Name, List<String>> txt = new HashMap<>();
    /** Owner names changed since the last publication. */
    private final Set<Name> dirty = new LinkedHashSet<>();
    private long serial;
    /** Open {@link #batch} calls. */
    private int batchDepth;

    public MeshZone(ZoneSettings settings) {
        this(settings, 1);
    }

    public MeshZone(ZoneSettings settings, long initialSerial) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.configuredCaa = configuredCaa(settings);
        this.serial = initialSerial;
        synchronized (writeLock) {
            dirty.add(settings.origin());
            dirty.addAll(configuredCaa.keySet());
            publish();
        }
    }

    @Override
    public Name origin() {
        return settings.origin();
    }

    @Override
    public SOARecord soa() {
        return (SOARecord) nodes.get(settings.origin()).rrsets().get(Type.SOA).get(0);
    }

    @Override
    public boolean nameExists(Name name) {
        return nodes.containsKey(name);
    }

    @Override
    public List<Record> lookup(Name name, int type) {
        ZoneNode node = nodes.get(name);
        return node == null ? List.of() : node.lookup(type);
    }

    /** Replaces the AAAA set of a name (relative names are taken relative to the origin). */
    public void putAaaa(Name name, List<Inet6Address> addressSet) {
        Name owner = absoluteInZone(name);
        if (addressSet.isEmpty()) {
            throw new IllegalArgumentException("use removeAaaa to delete a name's addresses");
        }
        synchronized (writeLock) {
            addresses.put(owner, List.copyOf(new LinkedHashSet<>(addressSet)));
            changed(owner);
        }
    }

    /** Removes all AAAA records of a name; returns whether there were any. */
    public boolean removeAaaa(Name name) {
        Name owner = absoluteInZone(name);
        synchronized (writeLock) {
            boolean removed = addresses.remove(owner) != null;
            if (removed) {
                changed(owner);
            }
            return removed;
        }
    }

    /** Replaces the TXT RRset of a name, one record per string; no strings removes it. */
    public void putTxt(Name name, List<String> strings) {
        Name owner = absoluteInZone(name);
        synchronized (writeLock) {
            if (strings.isEmpty()) {
                if (txt.remove(owner) == null) {
                    return;
                }
            } else {
                txt.put(owner, List.copyOf(new LinkedHashSet<>(strings)));
            }
            changed(owner);
        }
    }

    /**
     * Publishes {@code _port._tcp.host TLSA 3 1 1} for a certificate. Keyed by certificate serial so
     * that revoking that certificate removes exactly its record and leaves a rollover partner alone.
     */
    public TLSARecord addTlsa(BigInteger certificateSerial, Name host, int port, byte[] subjectPublicKeyInfoDer) {
        Objects.requireNonNull(certificateSerial, "certificateSerial");
        TLSARecord record = TlsaRecords.daneEe(absoluteInZone(host), port, settings.ttl(), subjectPublicKeyInfoDer);
        // One batch: replacing a serial's record must not show its owner without either record.
        batch(() -> {
            TLSARecord previous = tlsaBySerial.put(certificateSerial, record);
            if (previous != null) {
                release(previous);
            }
            tlsaByOwner.computeIfAbsent(record.getName(), n -> new LinkedHashMap<>()).merge(record, 1, Integer::sum);
            changed(record.getName());
        });
        return record;
    }

    /** Removes the TLSA record of one certificate serial; returns whether it existed. */
    public boolean removeTlsa(BigInteger certificateSerial) {
        synchronized (writeLock) {
            TLSARecord removed = tlsaBySerial.remove(certificateSerial);
            if (removed == null) {
                return false;
            }
            release(removed);
            return true;
        }
    }

    /** Must hold writeLock: one serial less publishes this record. */
    private void release(TLSARecord record) {
        Name owner = record.getName();
        Map<TLSARecord, Integer> counts = tlsaByOwner.get(owner);
        counts.computeIfPresent(record, (r, n) -> n == 1 ? null : n - 1);
        if (counts.isEmpty()) {
            tlsaByOwner.remove(owner);
        }
        changed(owner);
    }

    private Name absoluteInZone(Name name) {
        Objects.requireNonNull(name, "name");
        Name abs;
        try {
            abs = name.isAbsolute() ? name : Name.concatenate(name, settings.origin());
        } catch (NameTooLongException e) {
            throw new IllegalArgumentException("name too long: " + name, e);
        }
        if (!abs.subdomain(settings.origin())) {
            throw new IllegalArgumentException(abs + " is outside zone " + settings.origin());
        }
        return abs;
    }

    /**
     * Applies several changes with one serial increment. Changes made inside become visible when
     * the outermost batch ends, name by name.
     */
    public void batch(Runnable changes) {
        synchronized (writeLock) {
            batchDepth++;
            try {
                changes.run();
            } finally {
                if (--batchDepth == 0 && !dirty.isEmpty()) {
                    publish();
                }
            }
        }
    }

    /** Must hold writeLock: publishes now, or at the end of the enclosing batch. */
    private void changed(Name owner) {
        dirty.add(owner);
        if (batchDepth == 0) {
            publish();
        }
    }

    /** Must hold writeLock: rebuilds the changed names, then the apex with the next serial. */
    private void publish() {
        serial = (serial + 1) & 0xFFFFFFFFL;
        for (Name owner : dirty) {
            if (!owner.equals(settings.origin())) {
                replaceNode(owner, rrsetsOf(owner));
            }
        }
        dirty.clear();
        // The apex last: a reader that sees the new serial also sees every name it covers.
        Map<Integer, List<Record>> apex = new HashMap<>(rrsetsOf(settings.origin()));
        apex.putAll(apexRecords());
        replaceNode(settings.origin(), apex);
    }

    /** Must hold writeLock: the AAAA, TLSA, CAA and TXT RRsets a name owns according to the sources of truth. */
    private Map<Integer, List<Record>> rrsetsOf(Name owner) {
        Map<Integer, List<Record>> rrsets = new HashMap<>();
        long ttl = settings.ttl();
        List<Inet6Address> aaaa = addresses.get(owner);
        if (aaaa != null) {
            List<Record> records = new ArrayList<>(aaaa.size());
            aaaa.forEach(a -> records.add(new AAAARecord(owner, DClass.IN, ttl, a)));
            rrsets.put(Type.AAAA, List.copyOf(records));
        }
        Map<TLSARecord, Integer> tlsa = tlsaByOwner.get(owner);
        if (tlsa != null && !tlsa.isEmpty()) {
            rrsets.put(Type.TLSA, List.copyOf(tlsa.keySet()));
        }
        List<Record> caa = configuredCaa.get(owner);
        if (caa != null) {
            rrsets.put(Type.CAA, caa);
        }
        List<String> strings = txt.get(owner);
        if (strings != null) {
            List<Record> records = new ArrayList<>(strings.size());
            strings.forEach(v -> records.add(new TXTRecord(owner, DClass.IN, ttl, v)));
            rrsets.put(Type.TXT, List.copyOf(records));
        }
        return rrsets;
    }

    private Map<Integer, List<Record>> apexRecords() {
        Name origin = settings.origin();
        long ttl = settings.ttl();
        SOARecord soa = new SOARecord(origin, DClass.IN, ttl, settings.nameServers().get(0),
                settings.hostmaster(), serial, SOA_REFRESH, SOA_RETRY, SOA_EXPIRE, settings.negativeTtl());
        List<Record> ns = new ArrayList<>();
        for (Name server : settings.nameServers()) {
            ns.add(new NSRecord(origin, DClass.IN, ttl, server));
        }
        return Map.of(Type.SOA, List.of(soa), Type.NS, List.copyOf(ns), Type.CAA, configuredCaa.getOrDefault(origin,
                List.of(new CAARecord(origin, DClass.IN, ttl, 0, "issue", settings.caDomain()))));
    }

    private static Map<Name, List<Record>> configuredCaa(ZoneSettings settings) {
        Map<Name, List<Record>> byOwner = new LinkedHashMap<>();
        for (CAARecord r : settings.caa()) {
            byOwner.computeIfAbsent(r.getName(), n -> new ArrayList<>())
                    .add(new CAARecord(r.getName(), DClass.IN, settings.ttl(), r.getFlags(), r.getTag(), r.getValue()));
        }
        byOwner.replaceAll((owner, records) -> List.copyOf(records));
        return Map.copyOf(byOwner);
    }

    /**
     * Must hold writeLock: swaps in a name's new RRsets. When the name starts or stops owning
     * records, its ancestors' owner counts change too; they are raised before the name appears and
     * lowered after it went, so a reader never finds an owner under a missing empty non-terminal.
     */
    private void replaceNode(Name owner, Map<Integer, List<Record>> rrsets) {
        ZoneNode before = nodes.getOrDefault(owner, ZoneNode.EMPTY);
        ZoneNode after = before.withRrsets(rrsets);
        boolean gained = !before.ownsRecords() && after.ownsRecords();
        boolean lost = before.ownsRecords() && !after.ownsRecords();
        if (gained) {
            adjustAncestors(owner, +1);
        }
        if (after.isVacant()) {
            nodes.remove(owner);
        } else {
            nodes.put(owner, after);
        }
        if (lost) {
            adjustAncestors(owner, -1);
        }
    }

    private void adjustAncestors(Name owner, int delta) {
        Name origin = settings.origin();
        for (Name n = owner; !n.equals(origin); ) {
            n = new Name(n, 1);
            ZoneNode node = nodes.getOrDefault(n, ZoneNode.EMPTY);
            ZoneNode adjusted = node.withOwnersBelow(node.ownersBelow() + delta);
            if (adjusted.isVacant() && !n.equals(origin)) {
                nodes.remove(n);
            } else {
                nodes.put(n, adjusted);
            }
        }
    }
}
