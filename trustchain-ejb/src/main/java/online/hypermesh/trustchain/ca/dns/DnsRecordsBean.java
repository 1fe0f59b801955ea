package online.hypermesh.trustchain.ca.dns;

import java.net.Inet6Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.DnsCacheView;
import online.hypermesh.trustchain.ca.api.DnsRecordView;
import online.hypermesh.trustchain.ca.api.DnsRecords;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.RequestedName;

/** Validates, stores and audits in one transaction; the zone follows after commit ({@link ZoneFollower}). */
@Stateless
public class DnsRecordsBean implements DnsRecords {
    static final int MAX_ADDRESSES = 32;

    @EJB
    DnsRecordStore store;

    @Inject
    ZonePublisher zone;

    @Inject
    AuditTrail audit;

    @Inject
    AccountRepository accounts;

    @EJB
    MeshDns dns;

    @EJB
    DnsChangeLog changeLog;

    @Inject
    Event<DnsRecordsChanged> changes;

    @Override
    public String zone() {
        return zone.settings().origin().toString();
    }

    @Override
    public List<DnsRecordView> list(Caller caller) {
        requireCaller(caller);
        List<DnsRecordView> views = new ArrayList<>();
        store.addressesInTransaction().forEach((name, addresses) -> views.add(view(name, addresses)));
        return views;
    }

    @Override
    public DnsRecordView put(String name, List<String> aaaa, Caller caller) {
        requireCaller(caller);
        String relative = relative(name);
        requireMayOwn(caller, relative);
        if (aaaa == null || aaaa.isEmpty()) {
            throw TrustChainException.malformed("field 'aaaa' must list at least one IPv6 address, e.g. {\"aaaa\": [\"2001:db8::1\"]};"
                    + " DELETE the name to remove it");
        }
        if (aaaa.size() > MAX_ADDRESSES) {
            throw TrustChainException.policy("at most " + MAX_ADDRESSES + " addresses per name, got " + aaaa.size());
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (String a : aaaa) {
            try {
                Inet6Address address = DnsNames.ipv6(a == null ? null : a.trim());
                canonical.add(address.getHostAddress());
            } catch (IllegalArgumentException e) {
                throw TrustChainException.badName(e.getMessage());
            }
        }
        store.replace(relative, List.copyOf(canonical), caller.name(), Instant.now());
        List<String> stored = store.addressesInTransaction().getOrDefault(relative, List.of());
        audit.record(new AuditEvent(caller.name(), "dns.records.replaced", "dns_name", fqdn(relative),
                Map.of("aaaa", String.join(",", stored))));
        changeLog.append(DnsChange.NAME, relative, zone.nodeId());
        changes.fire(new DnsRecordsChanged(relative));
        return view(relative, stored);
    }

    @Override
    public void delete(String name, Caller caller) {
        requireCaller(caller);
        String relative = relative(name);
        requireMayOwn(caller, relative);
        if (!store.delete(relative)) {
            throw TrustChainException.notFound("the zone has no records for " + fqdn(relative));
        }
        audit.record(new AuditEvent(caller.name(), "dns.records.deleted", "dns_name", fqdn(relative), Map.of()));
        changeLog.append(DnsChange.NAME, relative, zone.nodeId());
        changes.fire(new DnsRecordsChanged(relative));
    }

    /**
     * An administrator may change any name. An issuer may own a name's AAAA records only within its
     * account's DNS scopes, and only while no other account owns them: the records of a name belong
     * to the account that wrote them last (seeded names to {@code system:dns}, hence administrators).
     * Taken under the name's lock, so two issuers cannot both pass the owner check.
     */
    private void requireMayOwn(Caller caller, String relative) {
        if (caller.has(Caller.Role.ADMIN)) {
            return;
        }
        if (!caller.has(Caller.Role.ISSUER)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "changing DNS records needs the admin or issuer role");
        }
        String fqdn = DnsNames.absolute(relative, zone.settings().origin()).toString(true);
        Account account = accounts.find(caller.name()).filter(Account::enabled)
                .orElseThrow(() -> new TrustChainException(ErrorKind.FORBIDDEN, "account '" + caller.name() + "' is unknown or disabled"));
        if (!account.authorization().covers(RequestedName.dns(fqdn))) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "'" + fqdn + "' is outside the scopes of account '" + caller.name()
                    + "'; an account may own AAAA records only for names it may be issued");
        }
        store.lockName(relative);
        store.ownerOf(relative).filter(owner -> !owner.equals(caller.name())).ifPresent(owner -> {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "the records of '" + fqdn + "' belong to " + owner
                    + "; only it or an administrator may change them");
        });
    }

    private String relative(String name) {
        try {
            return DnsNames.relative(name, zone.settings().origin());
        } catch (IllegalArgumentException e) {
            throw TrustChainException.badName(e.getMessage());
        }
    }

    private String fqdn(String relative) {
        return DnsNames.absolute(relative, zone.settings().origin()).toString();
    }

    private DnsRecordView view(String relative, List<String> addresses) {
        return new DnsRecordView(fqdn(relative), addresses);
    }

    @Override
    public DnsCacheView cache(Caller caller) {
        requireAdmin(caller, "reading the DNS cache statistics");
        List<String> upstreams = zone.settings().forwarding()
                .map(f -> f.upstreams().stream().map(a -> a.getAddress().getHostAddress() + "#" + a.getPort()).toList())
                .orElse(List.of());
        return dns.cacheStatistics()
                .map(s -> new DnsCacheView(true, upstreams, s.hits(), s.misses(), s.hitRatio(), s.size()))
                .orElse(new DnsCacheView(false, upstreams, 0, 0, 0, 0));
    }

    private static void requireCaller(Caller caller) {
        if (caller == null) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "send 'Authorization: Bearer <token>'");
        }
    }

    private static void requireAdmin(Caller caller, String what) {
        requireCaller(caller);
        if (!caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, what + " needs an admin token");
        }
    }
}
