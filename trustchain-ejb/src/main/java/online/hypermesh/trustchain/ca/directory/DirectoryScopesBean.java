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
 * LDAP-backed enrollment: directory groups grant TrustChain accounts scopes and roles
 * ({@code trustchain.ldap.groups}), so an enterprise says in its own directory who may have which
 * names and who is an auditor. Every {@code trustchain.ldap.sync.minutes} and on demand, the
 * groups' members are read (outside any transaction), then each account they name, and each that
 * held grants before, gets in one transaction of its own: its scopes = the scopes an administrator
 * gave it plus those its groups grant now, its roles likewise; what the directory added remembered
 * (V28, V32); an audit event each for scopes and roles with what was added and removed. A grant the
 * account held already is not the directory's: leaving the group leaves it. The directory never
 * creates accounts or changes profiles or regions, never grants emergency (that role stands alone)
 * and never touches an emergency account's roles; an account it names that does not exist is
 * reported, not made. If the directory cannot be read, nothing changes.
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
        // Scopes and roles per account named by a mapped group.
        Map<String, List<NameScope>> wanted = new TreeMap<>();
        Map<String, Set<String>> wantedRoles = new TreeMap<>();
        Map<String, Set<String>> groupsOf = new TreeMap<>();
        membership.members().forEach((group, members) -> {
            LdapSettings.Grant grant = settings.groups().get(group);
            for (String account : members) {
                wanted.computeIfAbsent(account, a -> new ArrayList<>()).addAll(grant.scopes());
                wantedRoles.computeIfAbsent(account, a -> new java.util.TreeSet<>()).addAll(grant.roles());
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
        Map<String, List<String>> grantedRoles = new TreeMap<>();
        for (String name : names) {
            List<NameScope> now = List.copyOf(new LinkedHashSet<>(wanted.getOrDefault(name, List.of())));
            List<String> rolesNow = List.copyOf(wantedRoles.getOrDefault(name, Set.of()));
            Boolean didChange = tx(() -> apply(name, now, rolesNow, groupsOf.getOrDefault(name, Set.of()), actor));
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
            if (!rolesNow.isEmpty()) {
                grantedRoles.put(name, rolesNow);
            }
        }
        LOG.info(() -> "directory grants refreshed: " + granted.size() + " accounts granted scopes, " + grantedRoles.size() + " roles, "
                + changed.size() + " changed" + (membership.missing().isEmpty() ? "" : ", missing groups " + membership.missing())
                + (unknown.isEmpty() ? "" : ", members without an account " + unknown));
        return new Report(granted, grantedRoles, unknown, List.copyOf(membership.missing()), changed);
    }

    /** In a transaction: null when there is no such account, else whether its scopes or roles changed. */
    private Boolean apply(String name, List<NameScope> grantedNow, List<String> rolesNow, Set<String> groups, String actor) {
        Optional<Account> locked = accounts.lock(name);
        if (locked.isEmpty()) {
            return null;
        }
        Account old = locked.get();
        Instant at = Instant.now();
        Map<String, String> from = Map.of("groups", String.join(";", groups));

        // Scopes: what the account holds apart from the directory, plus what its groups grant now.
        List<NameScope> before = grants.granted(old.id());
        Authorization a = old.authorization();
        Set<NameScope> own = new LinkedHashSet<>(a.scopes());
        own.removeAll(before);
        Set<NameScope> scopes = new LinkedHashSet<>(own);
        scopes.addAll(grantedNow);
        List<NameScope> next = List.copyOf(scopes);
        boolean scopesChanged = !Set.copyOf(next).equals(Set.copyOf(a.scopes()));
        List<NameScope> addedScopes = grantedNow.stream().filter(g -> !own.contains(g)).toList();

        // Roles, the same way; an emergency account keeps its one role, and an account keeps at least one.
        List<String> rolesBefore = grants.grantedRoles(old.id());
        Set<String> ownRoles = new LinkedHashSet<>(old.roles());
        ownRoles.removeAll(rolesBefore);
        List<String> offered = old.roles().contains("emergency") ? List.of() : rolesNow;
        if (!offered.equals(rolesNow)) {
            LOG.warning(() -> "account " + name + " holds the emergency role, which stands alone; the directory's roles "
                    + rolesNow + " are not added to it");
        }
        Set<String> roles = new LinkedHashSet<>(ownRoles);
        roles.addAll(offered);
        List<String> addedRoles = offered.stream().filter(r -> !ownRoles.contains(r)).toList();
        if (roles.isEmpty()) {
            // Every role it has came from the directory (an administrator took its own away since): it keeps them
            // rather than being left with none, until an administrator gives it one.
            roles.addAll(old.roles());
            addedRoles = rolesBefore;
            LOG.warning(() -> "account " + name + " would have no role left without the directory's; it keeps " + old.roles());
        }
        List<String> nextRoles = List.copyOf(roles);
        boolean rolesChanged = !Set.copyOf(nextRoles).equals(Set.copyOf(old.roles()));

        if (scopesChanged || rolesChanged) {
            accounts.update(old.with(nextRoles, new Authorization(next, a.profiles(), a.regions(), a.maxValidityHours()), old.enabled(), at));
        }
        if (scopesChanged) {
            Map<String, String> details = new LinkedHashMap<>(from);
            details.put("added", String.join(",", next.stream().filter(s -> !a.scopes().contains(s)).map(DirectoryScopesBean::text).toList()));
            details.put("removed", String.join(",", a.scopes().stream().filter(s -> !next.contains(s)).map(DirectoryScopesBean::text).toList()));
            audit.record(new AuditEvent(actor, "account.directory-scopes", "account", name, details));
        }
        if (rolesChanged) {
            Map<String, String> details = new LinkedHashMap<>(from);
            details.put("added", String.join(",", nextRoles.stream().filter(r -> !old.roles().contains(r)).toList()));
            details.put("removed", String.join(",", old.roles().stream().filter(r -> !nextRoles.contains(r)).toList()));
            details.put("roles", String.join(",", nextRoles));
            audit.record(new AuditEvent(actor, "account.directory-roles", "account", name, details));
        }
        if (!Set.copyOf(before).equals(Set.copyOf(addedScopes))) {
            grants.replace(old.id(), addedScopes, at);
        }
        if (!Set.copyOf(rolesBefore).equals(Set.copyOf(addedRoles))) {
            grants.replaceRoles(old.id(), addedRoles, at);
        }
        return scopesChanged || rolesChanged;
    }

    static String text(NameScope scope) {
        return scope.type() + ":" + scope.value();
    }

    private <T> T tx(BeanTransaction.Work<T> work) {
        return BeanTransaction.runOrInternal(transaction, "the directory's grants", work);
    }
}
