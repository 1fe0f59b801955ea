package online.hypermesh.trustchain.ca.application;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.AccountSpec;
import online.hypermesh.trustchain.ca.api.AccountView;
import online.hypermesh.trustchain.ca.api.Accounts;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.NewToken;
import online.hypermesh.trustchain.ca.api.TokenView;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;
import online.hypermesh.trustchain.ca.domain.ApiTokenRepository.StoredToken;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.Authorization;
import online.hypermesh.trustchain.core.policy.IpAllowlist;
import online.hypermesh.trustchain.core.policy.NameScope;

/**
 * Accounts and tokens for administrators (auditors may read). Each change and its audit event
 * commit in one transaction; the account row is locked for read-modify-write. The last enabled
 * administrator cannot be disabled or lose the admin role, so the CA can always be managed.
 */
@Stateless
public class AccountsBean implements Accounts {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(90);
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(731);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AccountRepository accounts;

    @Inject
    ApiTokenRepository tokens;

    @Inject
    AuditTrail audit;

    @Inject
    TrustChainConfig config;

    @Override
    public AccountView create(AccountSpec spec, Caller caller) {
        requireAdmin(caller, "create accounts");
        String name = requireName(spec.name(), "account name");
        List<String> roles = roles(spec.roles());
        AccountAuthorizations.requireValidity(spec.maxValidityHours());
        Authorization authorization = new Authorization(
                AccountAuthorizations.scopes(orEmpty(spec.scopes())),
                AccountAuthorizations.profiles(orEmpty(spec.profiles())),
                AccountAuthorizations.regions(orEmpty(spec.regions()), config.regions()),
                spec.maxValidityHours());
        if (accounts.find(name).isPresent()) {
            throw new TrustChainException(ErrorKind.CONFLICT, "an account named '" + name + "' exists; choose another name");
        }
        Account account = accounts.create(name, roles, authorization, false, Instant.now());
        audit.record(new AuditEvent(caller.name(), "account.created", "account", name, describe(account)));
        return view(account);
    }

    @Override
    public List<AccountView> list(Caller caller) {
        requireReader(caller);
        return accounts.list().stream().map(AccountsBean::view).toList();
    }

    @Override
    public AccountView show(String name, Caller caller) {
        requireReader(caller);
        return view(find(name));
    }

    @Override
    public AccountView update(String name, AccountSpec change, Caller caller) {
        requireAdmin(caller, "change accounts");
        if (change.name() != null && !change.name().equals(name)) {
            throw TrustChainException.malformed("an account cannot be renamed (its name is in the audit trail); create a new one");
        }
        Account old = accounts.lock(name).orElseThrow(() -> notFound(name));
        Authorization a = old.authorization();
        AccountAuthorizations.requireValidity(change.maxValidityHours());
        Integer maxValidity = change.clearMaxValidity() ? null
                : change.maxValidityHours() != null ? change.maxValidityHours() : a.maxValidityHours();
        Authorization changed = new Authorization(
                change.scopes() == null ? a.scopes() : AccountAuthorizations.scopes(change.scopes()),
                change.profiles() == null ? a.profiles() : AccountAuthorizations.profiles(change.profiles()),
                change.regions() == null ? a.regions() : AccountAuthorizations.regions(change.regions(), config.regions()),
                maxValidity);
        List<String> roles = change.roles() == null ? old.roles() : roles(change.roles());
        Account updated = old.with(roles, changed, old.enabled(), Instant.now());
        requireAnAdministratorLeft(old, updated);
        accounts.update(updated);
        Map<String, String> details = describe(updated);
        details.put("previous", summary(old));
        audit.record(new AuditEvent(caller.name(), "account.changed", "account", name, details));
        return view(updated);
    }

    @Override
    public AccountView setEnabled(String name, boolean enabled, Caller caller) {
        requireAdmin(caller, enabled ? "enable accounts" : "disable accounts");
        Account old = accounts.lock(name).orElseThrow(() -> notFound(name));
        if (old.enabled() == enabled) {
            return view(old);
        }
        Account updated = old.with(old.roles(), old.authorization(), enabled, Instant.now());
        requireAnAdministratorLeft(old, updated);
        accounts.update(updated);
        audit.record(new AuditEvent(caller.name(), enabled ? "account.enabled" : "account.disabled", "account", name, Map.of()));
        return view(updated);
    }

    @Override
    public NewToken createToken(String accountName, String tokenName, Instant expiresAt, Caller caller) {
        requireAdmin(caller, "create tokens");
        String name = requireName(tokenName, "token name");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expiry = expiresAt == null ? now.plus(DEFAULT_TOKEN_LIFETIME) : expiresAt.truncatedTo(ChronoUnit.MICROS);
        if (!expiry.isAfter(now)) {
            throw TrustChainException.malformed("expires_at " + expiry + " is not in the future");
        }
        if (expiry.isAfter(now.plus(MAX_TOKEN_LIFETIME))) {
            throw TrustChainException.malformed("expires_at " + expiry + " is more than " + MAX_TOKEN_LIFETIME.toDays()
                    + " days ahead; tokens are rotated, give an earlier expiry");
        }
        Account account = accounts.lock(accountName).orElseThrow(() -> notFound(accountName));
        if (!account.enabled()) {
            throw new TrustChainException(ErrorKind.CONFLICT, "account '" + accountName + "' is disabled; enable it before giving it tokens");
        }
        String secret = newSecret();
        StoredToken stored = tokens.add(account.id(), name, TokenHash.of(secret), now, expiry);
        audit.record(new AuditEvent(caller.name(), "token.created", "api_token", accountName + "/" + stored.id(),
                Map.of("account", accountName, "name", name, "expires_at", expiry.toString())));
        return new NewToken(view(stored, now), secret);
    }

    @Override
    public List<TokenView> tokens(String accountName, Caller caller) {
        requireReader(caller);
        Account account = find(accountName);
        Instant now = Instant.now();
        return tokens.list(account.id()).stream().map(t -> view(t, now)).toList();
    }

    @Override
    public TokenView revokeToken(String accountName, long tokenId, Caller caller) {
        requireAdmin(caller, "revoke tokens");
        Account account = find(accountName);
        StoredToken token = tokens.find(account.id(), tokenId).orElseThrow(() -> TrustChainException.notFound(
                "account '" + accountName + "' has no token " + tokenId + "; GET /api/v1/accounts/" + accountName + "/tokens lists them"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (tokens.revoke(tokenId, now, caller.name())) {
            audit.record(new AuditEvent(caller.name(), "token.revoked", "api_token", accountName + "/" + tokenId,
                    Map.of("account", accountName, "name", token.name())));
            token = new StoredToken(token.id(), token.accountId(), token.name(), token.createdAt(), token.expiresAt(), now);
        }
        return view(token, now);
    }

    @Override
    public List<String> allowlist(String accountName, Caller caller) {
        requireReader(caller);
        return accounts.allowedNetworks(find(accountName).id());
    }

    @Override
    public List<String> setAllowlist(String accountName, List<String> networks, Caller caller) {
        requireAdmin(caller, "change allowlists");
        if (networks == null) {
            throw TrustChainException.malformed("send {\"networks\": [\"2001:db8:1::/48\", \"192.0.2.0/24\"]}; [] allows anywhere");
        }
        List<String> canonical = IpAllowlist.of(networks).networks();
        Account account = accounts.lock(accountName).orElseThrow(() -> notFound(accountName));
        List<String> previous = accounts.allowedNetworks(account.id());
        if (previous.equals(canonical)) {
            return canonical;
        }
        accounts.setAllowedNetworks(account.id(), canonical, Instant.now());
        audit.record(new AuditEvent(caller.name(), "account.allowlist.changed", "account", accountName, Map.of(
                "networks", canonical.isEmpty() ? "anywhere" : String.join(",", canonical),
                "previous", previous.isEmpty() ? "anywhere" : String.join(",", previous))));
        return canonical;
    }

    /** 256 random bits, URL-safe, with a prefix that secret scanners recognise. */
    static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "tc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private void requireAnAdministratorLeft(Account old, Account updated) {
        boolean wasAdmin = old.enabled() && old.roles().contains("admin");
        boolean isAdmin = updated.enabled() && updated.roles().contains("admin");
        if (wasAdmin && !isAdmin && accounts.list().stream()
                .noneMatch(a -> a.id() != old.id() && a.enabled() && a.roles().contains("admin"))) {
            throw new TrustChainException(ErrorKind.CONFLICT, "account '" + old.name()
                    + "' is the last enabled administrator; give another account the admin role first");
        }
    }

    private Account find(String name) {
        return accounts.find(name).orElseThrow(() -> notFound(name));
    }

    static TrustChainException notFound(String name) {
        return TrustChainException.notFound("no account named '" + name + "'; GET /api/v1/accounts lists them");
    }

    private static List<String> roles(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw TrustChainException.malformed("an account needs at least one role: admin, officer, issuer, auditor or emergency");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            try {
                out.add(Caller.Role.valueOf(n.toUpperCase(Locale.ROOT)).apiName());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw TrustChainException.malformed("role '" + n + "' is not one of admin, officer, issuer, auditor, emergency");
            }
        }
        if (out.contains("emergency") && out.size() > 1) {
            // The emergency credential is kept apart (offline, two-person) and must not be usable for daily work.
            throw TrustChainException.malformed("the emergency role stands alone; give it to an account of its own");
        }
        return new ArrayList<>(out);
    }

    private static String requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw TrustChainException.malformed(what + " '" + (name == null ? "" : name)
                    + "' must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    static void requireAdmin(Caller caller, String what) {
        if (caller == null || !caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "only an account with the admin role may " + what);
        }
    }

    static void requireReader(Caller caller) {
        if (caller == null || !(caller.has(Caller.Role.ADMIN) || caller.has(Caller.Role.AUDITOR))) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "only an account with the admin or auditor role may read accounts");
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> describe(Account a) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("roles", String.join(",", a.roles()));
        d.put("authorization", authorizationSummary(a.authorization()));
        return d;
    }

    private static String summary(Account a) {
        return "roles=" + String.join(",", a.roles()) + "; " + authorizationSummary(a.authorization());
    }

    private static String authorizationSummary(Authorization a) {
        List<String> scopes = a.scopes().stream().map(AccountsBean::scopeText).toList();
        return "scopes=" + scopes + " profiles=" + a.profiles().stream().sorted().toList() + " regions="
                + a.regions().stream().sorted().toList() + " max_validity_hours=" + a.maxValidityHours();
    }

    private static String scopeText(NameScope s) {
        if (s instanceof NameScope.Dns d) {
            return "dns:" + (d.wildcard() ? "[*.]" : "") + (d.subdomains() ? "[sub.]" : "") + d.value();
        }
        return s.type() + ":" + s.value();
    }

    static AccountView view(Account a) {
        Authorization z = a.authorization();
        return new AccountView(a.name(), a.roles(), z.scopes().stream().map(AccountAuthorizations::view).toList(),
                z.profiles().stream().sorted().toList(), z.regions().stream().sorted().toList(), z.maxValidityHours(),
                a.enabled(), a.createdAt(), a.updatedAt());
    }

    private static TokenView view(StoredToken t, Instant now) {
        String status = t.revokedAt() != null ? "revoked" : t.expiresAt() != null && !t.expiresAt().isAfter(now) ? "expired" : "active";
        return new TokenView(t.id(), t.name(), t.createdAt(), t.expiresAt(), t.revokedAt(), status);
    }
}
