package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;

/**
 * Bearer-token authentication. Looks the token's SHA-256 up in the database and remembers a
 * positive answer for {@link #CACHE_MILLIS}, so issuance at high rates pays one query per token
 * per second, not one per request; a revoked or expired token, or one of a disabled account,
 * therefore stops working within that time on every node.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TokenAuthenticatorBean implements Authenticator {
    static final long CACHE_MILLIS = 1_000;
    private static final int MAX_TOKEN_LENGTH = 256;

    @Inject
    ApiTokenRepository tokens;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Caller caller, long until) {
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] hash = TokenHash.of(bearerToken);
        String key = HexFormat.of().formatHex(hash);
        long now = System.currentTimeMillis();
        Cached cached = cache.get(key);
        if (cached != null && cached.until > now) {
            return Optional.of(cached.caller);
        }
        Optional<Caller> caller = tokens.findActiveByHash(hash, Instant.ofEpochMilli(now)).map(TokenAuthenticatorBean::caller);
        if (caller.isPresent()) {
            if (cache.size() > 10_000) {
                cache.clear(); // bounded: the cache is an optimisation, never a source of truth
            }
            cache.put(key, new Cached(caller.get(), now + CACHE_MILLIS));
        } else {
            cache.remove(key);
        }
        return caller;
    }

    private static Caller caller(ApiTokenRepository.TokenHolder holder) {
        Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        for (String role : holder.roles()) {
            roles.add(Caller.Role.valueOf(role.toUpperCase(Locale.ROOT)));
        }
        return new Caller(holder.accountName(), roles);
    }
}
