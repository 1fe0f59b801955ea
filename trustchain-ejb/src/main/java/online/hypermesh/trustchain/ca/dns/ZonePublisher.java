package online.hypermesh.trustchain.ca.dns;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.xbill.DNS.Name;

import online.hypermesh.trustchain.ca.config.DnsSettings;
import online.hypermesh.trustchain.doq.zone.MeshZone;

/**
 * Owns the in-memory {@link MeshZone} and keeps it in step with the database: AAAA per stored name,
 * one {@code _443._tcp.<name> TLSA 3 1 1} per in-zone DNS name of every valid server/service
 * certificate, and the {@code _acme-challenge} TXT records placed by dynamic update. Separate from {@link MeshDns} (which runs the listeners) so that after-commit
 * observers never call into a singleton that may still be starting.
 *
 * <p>MeshZone keys TLSA records by one serial number each; a certificate with several in-zone names
 * gets one key per name ({@code serial << 16 | index}), remembered here with its notAfter.
 */
@ApplicationScoped
public class ZonePublisher {
    private static final Logger LOG = Logger.getLogger(ZonePublisher.class.getName());
    static final int TLS_PORT = 443;
    static final Set<String> TLS_PROFILES = Set.of("server", "service");
    private static final int MAX_NAMES_PER_CERTIFICATE = 1 << 16;

    @EJB
    DnsRecordStore store;

    @EJB
    DnsUpdateStore updates;

    @Inject
    DnsSettings settings;

    private MeshZone zone;
    /** Names this deployment in dns_change, so it can skip the rows it wrote itself. */
    private final String nodeId = java.util.UUID.randomUUID().toString();
    /** serial (hex) -> the keys its TLSA records have in MeshZone, and when it expires. Guarded by this. */
    private final Map<String, Published> published = new HashMap<>();
    /** Serials that never get TLSA: the DoQ listener's own certificates (they are not served on 443). */
    private final Set<String> excluded = ConcurrentHashMap.newKeySet();

    private record Published(List<BigInteger> keys, Instant notAfter) {
    }

    @PostConstruct
    void init() {
        zone = new MeshZone(settings.zoneSettings());
    }

    public DnsSettings settings() {
        return settings;
    }

    public MeshZone zone() {
        return zone;
    }

    public String nodeId() {
        return nodeId;
    }

    public void exclude(String serialHex) {
        excluded.add(serialHex);
        withdraw(serialHex);
    }

    /** Sets a name's AAAA records as stored (no addresses: the name goes). */
    public synchronized void showAddresses(String relativeName, List<String> addresses) {
        Name owner = DnsNames.absolute(relativeName, settings.origin());
        List<Inet6Address> parsed = new ArrayList<>();
        for (String a : addresses) {
            parsed.add(DnsNames.ipv6(a));
        }
        if (parsed.isEmpty()) {
            zone.removeAaaa(owner);
        } else {
            zone.putAaaa(owner, parsed);
        }
    }

    /** Reads a name's committed addresses and shows them; serialised so the last commit always wins. */
    public synchronized void refreshName(String relativeName) {
        showAddresses(relativeName, store.addressesOf(relativeName));
    }

    /** Reads the committed TXT records of a dynamically updated owner (relative) and shows them. */
    public synchronized void refreshTxt(String relativeOwner) {
        zone.putTxt(DnsUpdateBean.absolute(relativeOwner, settings.origin()), updates.txtOf(relativeOwner));
    }

    /**
     * Publishes TLSA for a certificate's in-zone names, if its profile serves TLS and it is not
     * expired. Nothing for a serial whose final certificate was never stored ({@code der} null):
     * no server can present a certificate that nobody received.
     */
    public synchronized void publish(String serialHex, String profile, List<String> names, byte[] der, Instant notAfter) {
        if (der == null || !TLS_PROFILES.contains(profile) || excluded.contains(serialHex) || !notAfter.isAfter(Instant.now())) {
            return;
        }
        Set<Name> hosts = new LinkedHashSet<>();
        for (String n : names) {
            Name host = DnsNames.inZone(n, settings.origin());
            if (host != null) {
                hosts.add(host);
            }
        }
        if (hosts.isEmpty() || hosts.size() >= MAX_NAMES_PER_CERTIFICATE) {
            return;
        }
        byte[] spki;
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            spki = cert.getPublicKey().getEncoded();
        } catch (CertificateException e) {
            LOG.log(Level.WARNING, "certificate " + serialHex + " does not parse; no TLSA published", e);
            return;
        }
        withdraw(serialHex);
        BigInteger base = new BigInteger(serialHex, 16).shiftLeft(16);
        List<BigInteger> keys = new ArrayList<>();
        int index = 0;
        for (Name host : hosts) {
            BigInteger key = base.add(BigInteger.valueOf(index++));
            zone.addTlsa(key, host, TLS_PORT, spki);
            keys.add(key);
        }
        published.put(serialHex, new Published(List.copyOf(keys), notAfter));
    }

    /** Removes the TLSA records of a certificate; false if it had none. */
    public synchronized boolean withdraw(String serialHex) {
        Published p = published.remove(serialHex);
        if (p == null) {
            return false;
        }
        p.keys().forEach(zone::removeTlsa);
        return true;
    }

    /** Re-reads one certificate after a committed status change and publishes or withdraws accordingly. */
    public synchronized void refreshCertificate(String serialHex) {
        var row = store.certificate(serialHex);
        // Another node's DoQ listener certificate is not served on 443 either (see MeshDns).
        if (row.isPresent() && "valid".equals(row.get().status()) && !MeshDns.DOQ_REQUESTER.equals(row.get().requestedBy())) {
            var c = row.get();
            publish(c.serialHex(), c.profile(), c.names(), c.der(), c.notAfter());
        } else {
            withdraw(serialHex);
        }
    }

    /** Withdraws every certificate whose notAfter has passed; returns how many. */
    public synchronized int withdrawExpired(Instant now) {
        List<String> expired = published.entrySet().stream().filter(e -> !e.getValue().notAfter().isAfter(now)).map(Map.Entry::getKey).toList();
        zone.batch(() -> expired.forEach(this::withdraw));
        return expired.size();
    }

    /**
     * Applies queued changes as one zone update (one serial increment). A change that fails is logged
     * and skipped; the others still apply.
     */
    public synchronized void applyAll(List<Runnable> changes) {
        zone.batch(() -> {
            for (Runnable change : changes) {
                try {
                    change.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a DNS zone update failed; the zone is reloaded completely at the next start", e);
                }
            }
        });
    }

    /** Loads everything from the database: all names and the TLSA of every publishable certificate. */
    public synchronized void loadAll(String excludedRequester) {
        // In the caller's transaction: the start-up seeding is not committed yet. One batch: one serial.
        zone.batch(() -> {
            store.addressesInTransaction().forEach(this::showAddresses);
            updates.allTxt().forEach((owner, values) -> zone.putTxt(DnsUpdateBean.absolute(owner, settings.origin()), values));
            for (var c : store.publishableCertificates(DnsNames.withoutDot(settings.origin()), excludedRequester, Instant.now())) {
                publish(c.serialHex(), c.profile(), c.names(), c.der(), c.notAfter());
            }
        });
        LOG.info(() -> "DNS zone " + settings.origin() + " loaded: " + published.size() + " certificates with TLSA records");
    }
}
