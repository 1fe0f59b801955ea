package online.hypermesh.trustchain.ca.dns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.policy.RequestedName;
import online.hypermesh.trustchain.doq.update.TsigKey;
import online.hypermesh.trustchain.doq.update.ZoneUpdate;
import online.hypermesh.trustchain.doq.update.ZoneUpdate.Change;
import online.hypermesh.trustchain.doq.update.ZoneUpdate.Kind;

/**
 * The update policy of the mesh zone (RFC 2136 3.3): a TSIG key belongs to one TrustChain account
 * and may add and delete TXT records at {@code _acme-challenge.<name>} only, for names that
 * account may be issued (its scopes), at most {@link #MAX_VALUES_PER_OWNER} values per owner.
 * Everything else is REFUSED. The whole update is checked before anything is written, so a refused
 * update changes nothing and leaves only its audit event; an accepted one commits its records,
 * their {@code dns_change} rows and its audit event in one transaction, and the zone shows it
 * after commit ({@link ZoneFollower}), on other nodes within their poll interval.
 */
@Stateless
@LocalBean
public class DnsUpdateBean {
    private static final Logger LOG = Logger.getLogger(DnsUpdateBean.class.getName());
    static final String CHALLENGE_LABEL = "_acme-challenge";
    /** Enough for a few concurrent orders of the same name (each has its own token); stops a key from filling the zone. */
    static final int MAX_VALUES_PER_OWNER = 8;
    static final java.time.Duration TXT_LIFETIME = java.time.Duration.ofHours(24);

    @EJB
    DnsUpdateStore store;

    @EJB
    DnsChangeLog changeLog;

    @Inject
    ZonePublisher zone;

    @Inject
    AccountRepository accounts;

    @Inject
    AuditTrail audit;

    @Inject
    Event<ChallengeTxtChanged> changes;

    /** The key a signed message names, if it exists and its account is enabled. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<TsigKey> key(Name name) {
        return store.key(name.toString()).filter(DnsUpdateStore.Key::accountEnabled)
                .map(k -> new TsigKey(name, TSIG.algorithmToName(k.algorithm()), k.secret()));
    }

    /** RFC 2136 3.4, all or nothing. @return the response code */
    public int apply(ZoneUpdate update, String keyName) {
        Optional<DnsUpdateStore.Key> key = store.key(keyName);
        if (key.isEmpty()) {
            return Rcode.NOTAUTH;
        }
        String actor = "dns-update:" + keyName;
        Optional<Account> account = accounts.find(key.get().account()).filter(Account::enabled);
        String refusal = account.isEmpty() ? "account '" + key.get().account() + "' is disabled" : refusal(update, account.get());
        if (refusal != null) {
            LOG.fine(() -> "update with key " + keyName + " refused: " + refusal);
            audit.record(new AuditEvent(actor, "dns.update.refused", "account", key.get().account(), Map.of("key", keyName, "reason", refusal)));
            return Rcode.REFUSED;
        }
        // Each owner locked, in one order (no deadlock between two updates), then the records each would have
        // afterwards, so the limit is checked before anything is written.
        update.changes().stream().map(c -> relative(c.owner())).sorted().distinct().forEach(store::lockOwner);
        Map<String, Set<String>> after = new LinkedHashMap<>();
        for (Change c : update.changes()) {
            Set<String> values = after.computeIfAbsent(relative(c.owner()), o -> new LinkedHashSet<>(store.txtInTransaction(o)));
            switch (c.kind()) {
                case ADD -> values.add(c.value());
                case DELETE_RR -> values.remove(c.value());
                case DELETE_RRSET, DELETE_NAME -> values.clear();
            }
        }
        for (Map.Entry<String, Set<String>> e : after.entrySet()) {
            if (e.getValue().size() > MAX_VALUES_PER_OWNER) {
                String tooMany = "more than " + MAX_VALUES_PER_OWNER + " TXT values at " + e.getKey() + "; delete old ones first";
                audit.record(new AuditEvent(actor, "dns.update.refused", "account", key.get().account(), Map.of("key", keyName, "reason", tooMany)));
                return Rcode.REFUSED;
            }
        }
        Instant now = Instant.now();
        List<String> added = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Change c : update.changes()) {
            String owner = relative(c.owner());
            switch (c.kind()) {
                case ADD -> {
                    if (store.addTxt(owner, c.value(), keyName, now)) {
                        added.add(owner + " " + c.value());
                    }
                }
                case DELETE_RR -> {
                    if (store.deleteTxt(owner, c.value()) > 0) {
                        deleted.add(owner + " " + c.value());
                    }
                }
                case DELETE_RRSET, DELETE_NAME -> {
                    if (store.deleteTxt(owner, null) > 0) {
                        deleted.add(owner + " *");
                    }
                }
            }
        }
        for (String owner : after.keySet()) {
            changeLog.append(DnsChange.TXT, owner, zone.nodeId());
            changes.fire(new ChallengeTxtChanged(owner));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("key", keyName);
        details.put("added", String.join(",", added));
        details.put("deleted", String.join(",", deleted));
        audit.record(new AuditEvent(actor, "dns.update.applied", "account", key.get().account(), details));
        return Rcode.NOERROR;
    }

    /**
     * A challenge record is needed for minutes; one a client never deleted (it crashed, or gave up)
     * goes after {@link #TXT_LIFETIME}, so the zone does not fill with them. Every node runs this;
     * the second finds nothing left.
     */
    @Schedule(hour = "*", minute = "23", persistent = false)
    void expireOldRecords() {
        List<String> owners = store.deleteTxtBefore(Instant.now().minus(TXT_LIFETIME));
        for (String owner : owners) {
            changeLog.append(DnsChange.TXT, owner, zone.nodeId());
            changes.fire(new ChallengeTxtChanged(owner));
        }
        if (!owners.isEmpty()) {
            audit.record(new AuditEvent("system:dns", "dns.update.expired", "dns_zone", zone.settings().origin().toString(),
                    Map.of("owners", String.join(",", owners), "older_than", TXT_LIFETIME.toString())));
        }
    }

    /** Why the account may not make this update, or null when it may. */
    private String refusal(ZoneUpdate update, Account account) {
        for (Change c : update.changes()) {
            if (c.kind() != Kind.DELETE_NAME && c.type() != Type.TXT) {
                return "only TXT records may be updated, not " + Type.string(c.type()) + " at " + c.owner();
            }
            Name owner = c.owner();
            if (owner.labels() < 2 || !CHALLENGE_LABEL.equalsIgnoreCase(owner.getLabelString(0))) {
                return c.owner() + " is not an " + CHALLENGE_LABEL + " name; updates place ACME dns-01 records only";
            }
            String validated = new Name(owner, 1).toString(true).toLowerCase(java.util.Locale.ROOT);
            if (!new Name(owner, 1).subdomain(zone.settings().origin()) || !account.authorization().covers(RequestedName.dns(validated))) {
                return "'" + validated + "' is outside the scopes of account '" + account.name() + "'";
            }
        }
        return null;
    }

    private String relative(Name owner) {
        return owner.relativize(zone.settings().origin()).toString(true).toLowerCase(java.util.Locale.ROOT);
    }

    static Name absolute(String relative, Name origin) {
        try {
            return Name.concatenate(Name.fromString(relative), origin);
        } catch (org.xbill.DNS.TextParseException | NameTooLongException e) {
            throw new IllegalArgumentException("bad stored TXT owner " + relative, e);
        }
    }
}
