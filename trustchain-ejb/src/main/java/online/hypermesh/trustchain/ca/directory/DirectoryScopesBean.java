package online.hypermesh.trustchain.ca.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;

import online.hypermesh.trustchain.bridge.ldap.DirectoryGroups;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.application.BeanTransaction;
import online.hypermesh.trustchain.ca.api.DirectorySync;
import online.hypermesh.trustchain.ca.config.LdapSettings;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.Authorization;
import online.hypermesh.trustchain.core.policy.NameScope;

/**
 * LDAP-backed enrollment: directory groups grant TrustChain accounts scopes
 * ({@code trustchain.ldap.groups}), so an enterprise says in its own directory who may have which
 * names. Every {@code trustchain.ldap.sync.minutes} and on demand, the groups' members are read
 * (outside any transaction), then each account they name, and each that held grants before, gets
 * in one transaction of its own: its scopes = the scopes an administrator gave it plus those its
 * groups grant now; the grants remembered (V28); an audit event with what was added and removed.
 * The directory never creates accounts or changes roles, profiles or regions; an account it names
 * that does not exist is reported, not made. If the directory cannot be read, nothing changes.
 */
@Singleton
@Startup
@DependsOn("CaBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DirectoryScopesBean implements DirectorySync {
    private static final Logger LOG = Logger.getLogger(DirectoryScopesBean.class.getName());
    static final String ACTOR = "system:directory";

    @Inject
    LdapSettings settings;

    @Inject
    AccountRepository accounts;

    @Inject
    AuditTrail audit;

    @EJB
    DirectoryGrantStore grants;

    @Resource
    TimerService timers;

    @Resource
    UserTransaction transaction;

    @PostConstruct
    void schedule() {
        if (settings.enabled() && !settings.groups().isEmpty()) {
            long interval = settings.syncInterval().toMillis();
            timers.createIntervalTimer(Math.min(interval, 10_000), interval, new TimerConfig("directory-scopes", false));
        }
    }

    @Timeout
    void refreshOnSchedule() {
        try {
            refresh(ACTOR);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refreshing the scopes from the directory failed; nothing changed, retrying at the next interval: " + e.getMessage());
        }
    }

    @Override
    public Report sync(Caller caller) {
        if (caller == null || !caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "refreshing the directory's grants needs the admin role");
        }
        if (!settings.enabled() || settings.groups().isEmpty()) {
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "no directory group mapping is configured (trustchain.ldap.url, trustchain.ldap.groups)");
        }
        return refresh(caller.name());
    }

    private synchronized Report refresh(String actor) {
        DirectoryGroups.Membership membership;
        try (LDAPConnection ldap = settings.endpoint().open()) {
            membership = new DirectoryGroups(ldap, settings.accountAttribute()).read(List.copyOf(settings.groups().keySet()));
        } catch (LDAPException | IllegalStateException e) {
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "cannot read the groups from " + settings.url().orElseThrow() + ": "
                    + (e instanceof LDAPException l ? l.getResultCode() + " " + l.getDiagnosticMessage() : e.getMessage()));
        }
        // Scopes per account named by a mapped group.
        Map<String, List<NameScope>> wanted = new TreeMap<>();
        Map<String, Set<String>> groupsOf = new TreeMap<>();
        membership.members().forEach((group, members) -> {
            for (String account : members) {
                wanted.computeIfAbsent(account, a -> new ArrayList<>()).addAll(settings.groups().get(group));
                groupsOf.computeIfAbsent(account, a -> new LinkedHashSet<>()).add(group);
            }
        });
        Map<Long, Account> byId = new LinkedHashMap<>();
        accounts.list().forEach(a -> byId.put(a.id(), a));
        Set<String> names = new LinkedHashSet<>(wanted.keySet());
        tx(() -> grants.accountsWithGrants()).forEach(id -> Optional.ofNullable(byId.get(id)).ifPresent(a -> names.add(a.name())));
        List<String> unknown = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Map<String, List<String>> granted = new TreeMap<>();
        for (String name : names) {
            List<NameScope> now = List.copyOf(new LinkedHashSet<>(wanted.getOrDefault(name, List.of())));
            Boolean didChange = tx(() -> apply(name, now, groupsOf.getOrDefault(name, Set.of()), actor));
            if (didChange == null) {
                unknown.add(name);
                continue;
            }
            if (didChange) {
                changed.add(name);
            }
            if (!now.isEmpty()) {
                granted.put(name, now.stream().map(DirectoryScopesBean::text).toList());
            }
        }
        LOG.info(() -> "directory scopes refreshed: " + granted.size() + " accounts granted, " + changed.size() + " changed"
                + (membership.missing().isEmpty() ? "" : ", missing groups " + membership.missing())
                + (unknown.isEmpty() ? "" : ", members without an account " + unknown));
        return new Report(granted, unknown, List.copyOf(membership.missing()), changed);
    }

    /** In a transaction: null when there is no such account, else whether its scopes changed. */
    private Boolean apply(String name, List<NameScope> grantedNow, Set<String> groups, String actor) {
        Optional<Account> locked = accounts.lock(name);
        if (locked.isEmpty()) {
            return null;
        }
        Account old = locked.get();
        List<NameScope> before = grants.granted(old.id());
        Authorization a = old.authorization();
        Set<NameScope> scopes = new LinkedHashSet<>(a.scopes());
        scopes.removeAll(before);
        scopes.addAll(grantedNow);
        List<NameScope> next = List.copyOf(scopes);
        boolean changed = !Set.copyOf(next).equals(Set.copyOf(a.scopes()));
        Instant at = Instant.now();
        if (changed) {
            accounts.update(old.with(old.roles(), new Authorization(next, a.profiles(), a.regions(), a.maxValidityHours()), old.enabled(), at));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("groups", String.join(";", groups));
            details.put("added", String.join(",", next.stream().filter(s -> !a.scopes().contains(s)).map(DirectoryScopesBean::text).toList()));
            details.put("removed", String.join(",", a.scopes().stream().filter(s -> !next.contains(s)).map(DirectoryScopesBean::text).toList()));
            audit.record(new AuditEvent(actor, "account.directory-scopes", "account", name, details));
        }
        if (changed || !Set.copyOf(before).equals(Set.copyOf(grantedNow))) {
            grants.replace(old.id(), grantedNow, at);
        }
        return changed;
    }

    static String text(NameScope scope) {
        return scope.type() + ":" + scope.value();
    }

    private <T> T tx(BeanTransaction.Work<T> work) {
        return BeanTransaction.runOrInternal(transaction, "the directory's grants", work);
    }
}
