package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.EJB;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.IpAllowlist;

/**
 * Bearer-token authentication. Looks the token's SHA-256 up in the database and remembers a
 * positive answer for {@link #CACHE_MILLIS}, so issuance at high rates pays one query per token
 * per second, not one per request; a revoked or expired token, or one of a disabled account,
 * therefore stops working within that time on every node, and a changed allowlist applies within it.
 *
 * <p>A request from outside the account's allowlist is refused and audited; the audit events of
 * one account and address are at most one per {@link #REFUSAL_AUDIT_MILLIS}, each counting the
 * refusals suppressed since the previous one, so a misconfigured client hammering the API cannot
 * flood the audit trail (the count is in memory: a restart forgets the suppressed ones).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TokenAuthenticatorBean implements Authenticator {
    static final long CACHE_MILLIS = 1_000;
    static final long REFUSAL_AUDIT_MILLIS = 60_000;
    private static final int MAX_TOKEN_LENGTH = 256;

    @Inject
    ApiTokenRepository tokens;

    @EJB
    OriginRefusals refusals;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Refused> refused = new ConcurrentHashMap<>();

    private record Cached(Caller caller, IpAllowlist allowlist, long until) {
    }

    /** Refusals of one account and address not yet in an audit event, and when the last event was written. */
    private static final class Refused {
        long lastEventMillis = Long.MIN_VALUE;
        long pending;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        return lookup(bearerToken).map(Cached::caller);
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken, String remoteAddress) {
        Optional<Cached> found = lookup(bearerToken);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Cached c = found.get();
        if (!c.allowlist.permits(remoteAddress)) {
            auditRefusal(c.caller.name(), remoteAddress);
            throw new TrustChainException(ErrorKind.FORBIDDEN, "account '" + c.caller.name() + "' may not call from " + remoteAddress
                    + "; its allowlist is " + c.allowlist + " (GET /api/v1/accounts/" + c.caller.name() + "/allowlist)");
        }
        return Optional.of(c.caller);
    }

    private void auditRefusal(String account, String address) {
        long count;
        String key = account + " " + address;
        if (refused.size() > 10_000) {
            refused.clear(); // bounded; at worst an extra audit event
        }
        Refused r = refused.computeIfAbsent(key, k -> new Refused());
        long now = System.currentTimeMillis();
        synchronized (r) {
            r.pending++;
            if (r.lastEventMillis != Long.MIN_VALUE && now - r.lastEventMillis < REFUSAL_AUDIT_MILLIS) {
                return;
            }
            count = r.pending;
            r.pending = 0;
            r.lastEventMillis = now;
        }
        refusals.refused(account, address, count);
    }

    private Optional<Cached> lookup(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] hash = TokenHash.of(bearerToken);
        String key = HexFormat.of().formatHex(hash);
        long now = System.currentTimeMillis();
        Cached cached = cache.get(key);
        if (cached != null && cached.until > now) {
            return Optional.of(cached);
        }
        Optional<Cached> found = tokens.findActiveByHash(hash, Instant.ofEpochMilli(now))
                .map(h -> new Cached(caller(h), allowlist(h), now + CACHE_MILLIS));
        if (found.isPresent()) {
            if (cache.size() > 10_000) {
                cache.clear(); // bounded: the cache is an optimisation, never a source of truth
            }
            cache.put(key, found.get());
        } else {
            cache.remove(key);
        }
        return found;
    }

    /** The stored prefixes were checked when they were set; one that no longer parses admits nothing rather than anything. */
    private static IpAllowlist allowlist(ApiTokenRepository.TokenHolder holder) {
        try {
            return IpAllowlist.of(holder.allowedNetworks());
        } catch (TrustChainException e) {
            return IpAllowlist.of(List.of("::/128"));
        }
    }

    private static Caller caller(ApiTokenRepository.TokenHolder holder) {
        Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        for (String role : holder.roles()) {
            roles.add(Caller.Role.valueOf(role.toUpperCase(Locale.ROOT)));
        }
        return new Caller(holder.accountName(), roles);
    }
}
