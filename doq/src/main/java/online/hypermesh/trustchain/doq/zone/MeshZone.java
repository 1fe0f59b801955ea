package online.hypermesh.trustchain.doq.zone;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TLSARecord;

/**
 * The authoritative in-memory zone of the mesh. Copy-on-write: each change rebuilds an immutable
 * {@link ZoneSnapshot} under a lock and publishes it atomically, so DNS lookups (the hot path)
 * never block behind certificate issuance or revocation.
 */
public final class MeshZone {

    private static final long SOA_REFRESH = 3600;
    private static final long SOA_RETRY = 600;
    private static final long SOA_EXPIRE = 604800;

    private final ZoneSettings settings;
    private final Object writeLock = new Object();
    // Mutable sources of truth; only touched while holding writeLock.
    private final Map<Name, List<Inet6Address>> addresses = new LinkedHashMap<>();
    private final Map<BigInteger, TLSARecord> tlsaBySerial = new LinkedHashMap<>();
    private long serial;
    /** Open {@link #batch} calls, and whether a change waits for the outermost one to end; writeLock. */
    private int batchDepth;
    private boolean dirty;
    private final AtomicReference<ZoneSnapshot> current = new AtomicReference<>();

    public MeshZone(ZoneSettings settings) {
        this(settings, 1);
    }

    public MeshZone(ZoneSettings settings, long initialSerial) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.serial = initialSerial;
        synchronized (writeLock) {
            publish();
        }
    }

    public Name origin() {
        return settings.origin();
    }

    /** The current immutable view; cheap, lock-free. */
    public ZoneSnapshot snapshot() {
        return current.get();
    }

    /** Replaces the AAAA set of a name (relative names are taken relative to the origin). */
    public void putAaaa(Name name, List<Inet6Address> addressSet) {
        Name owner = absoluteInZone(name);
        if (addressSet.isEmpty()) {
            throw new IllegalArgumentException("use removeAaaa to delete a name's addresses");
        }
        synchronized (writeLock) {
            addresses.put(owner, List.copyOf(addressSet));
            changed();
        }
    }

    /** Removes all AAAA records of a name; returns whether there were any. */
    public boolean removeAaaa(Name name) {
        Name owner = absoluteInZone(name);
        synchronized (writeLock) {
            boolean removed = addresses.remove(owner) != null;
            if (removed) {
                changed();
            }
            return removed;
        }
    }

    /**
     * Publishes {@code _port._tcp.host TLSA 3 1 1} for a certificate. Keyed by certificate serial so
     * that revoking that certificate removes exactly its record and leaves a rollover partner alone.
     */
    public TLSARecord addTlsa(BigInteger certificateSerial, Name host, int port, byte[] subjectPublicKeyInfoDer) {
        Objects.requireNonNull(certificateSerial, "certificateSerial");
        TLSARecord record = TlsaRecords.daneEe(absoluteInZone(host), port, settings.ttl(), subjectPublicKeyInfoDer);
        synchronized (writeLock) {
            tlsaBySerial.put(certificateSerial, record);
            changed();
        }
        return record;
    }

    /** Removes the TLSA record of one certificate serial; returns whether it existed. */
    public boolean removeTlsa(BigInteger certificateSerial) {
        synchronized (writeLock) {
            boolean removed = tlsaBySerial.remove(certificateSerial) != null;
            if (removed) {
                changed();
            }
            return removed;
        }
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
     * Applies several changes with one new snapshot: every mutation rebuilds the whole snapshot,
     * so loading or following thousands of certificates one by one would cost O(n^2).
     * Changes made inside become visible together when the outermost batch ends.
     */
    public void batch(Runnable changes) {
        synchronized (writeLock) {
            batchDepth++;
            try {
                changes.run();
            } finally {
                if (--batchDepth == 0 && dirty) {
                    publish();
                }
            }
        }
    }

    /** Must hold writeLock: publishes now, or at the end of the enclosing batch. */
    private void changed() {
        dirty = true;
        if (batchDepth == 0) {
            publish();
        }
    }

    /** Must hold writeLock: bumps the serial so secondaries and caches can tell versions apart. */
    private void publish() {
        serial = (serial + 1) & 0xFFFFFFFFL;
        Name origin = settings.origin();
        long ttl = settings.ttl();
        SOARecord soa = new SOARecord(origin, DClass.IN, ttl, settings.nameServers().get(0),
                settings.hostmaster(), serial, SOA_REFRESH, SOA_RETRY, SOA_EXPIRE, settings.negativeTtl());
        List<Record> records = new ArrayList<>();
        records.add(soa);
        for (Name ns : settings.nameServers()) {
            records.add(new NSRecord(origin, DClass.IN, ttl, ns));
        }
        records.add(new CAARecord(origin, DClass.IN, ttl, 0, "issue", settings.caDomain()));
        addresses.forEach((name, list) -> list.forEach(a -> records.add(new AAAARecord(name, DClass.IN, ttl, a))));
        records.addAll(tlsaBySerial.values());
        current.set(new ZoneSnapshot(origin, soa, records));
        dirty = false;
    }
}
