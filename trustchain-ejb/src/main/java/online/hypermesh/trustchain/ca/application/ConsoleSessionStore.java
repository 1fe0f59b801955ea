package online.hypermesh.trustchain.ca.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.ConsoleSessions;
import online.hypermesh.trustchain.ca.config.AccountSettings;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The console's sessions in this node's memory, keyed by the SHA-256 of the id (a heap dump shows
 * no usable cookie). Per node: behind a load balancer the console needs sticky sessions, and a
 * restart signs everyone out, which for a 15-minute officer session is the safe failure.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConsoleSessionStore implements ConsoleSessions {
    /** Bounded memory: far more than a CA has officers; beyond it the idle ones are swept first. */
    private static final int MAX_SESSIONS = 10_000;
    /** The roles the console serves; an account with none of them (an issuer, emergency) has nothing to see there. */
    private static final EnumSet<Caller.Role> CONSOLE_ROLES = EnumSet.of(Caller.Role.ADMIN, Caller.Role.OFFICER, Caller.Role.AUDITOR);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private Duration idle;
    private LongSupplier clock = System::nanoTime;

    @EJB
    Authenticator authenticator;

    @Inject
    AccountSettings settings;

    @EJB
    ConsoleSignIns signIns;

    /** A token or a certificate, kept to authenticate it again on every request. */
    private record Credential(String token, X509Certificate certificate) {
    }

    private static final class Entry {
        final Credential credential;
        final String csrf;
        volatile long lastUsedNanos;

        Entry(Credential credential, String csrf, long now) {
            this.credential = credential;
            this.csrf = csrf;
            this.lastUsedNanos = now;
        }
    }

    @PostConstruct
    void init() {
        idle = settings.consoleSessionIdle();
    }

    /** For tests: a store over this authenticator, idle timeout and clock. */
    static ConsoleSessionStore of(Authenticator authenticator, ConsoleSignIns signIns, Duration idle, LongSupplier clock) {
        ConsoleSessionStore store = new ConsoleSessionStore();
        store.authenticator = authenticator;
        store.signIns = signIns;
        store.idle = idle;
        store.clock = clock;
        return store;
    }

    @Override
    public Active openWithToken(String bearerToken, String remoteAddress) {
        return open(new Credential(bearerToken, null), remoteAddress);
    }

    @Override
    public Active openWithCertificate(X509Certificate clientCertificate, String remoteAddress) {
        return open(new Credential(null, clientCertificate), remoteAddress);
    }

    private Active open(Credential credential, String remoteAddress) {
        Caller caller = authenticate(credential, remoteAddress);
        String kind = credential.certificate() != null ? "client certificate" : "bearer token";
        if (caller.roles().stream().noneMatch(CONSOLE_ROLES::contains)) {
            String reason = "account '" + caller.name() + "' has none of the console's roles (admin, officer, auditor)";
            signIns.refused(caller.name(), remoteAddress, kind, reason);
            throw new TrustChainException(ErrorKind.FORBIDDEN, reason);
        }
        long now = clock.getAsLong();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(e -> expired(e, now));
        }
        if (sessions.size() >= MAX_SESSIONS) {
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "this node holds " + MAX_SESSIONS + " console sessions; try again later");
        }
        String id = randomToken();
        Entry entry = new Entry(credential, randomToken(), now);
        sessions.put(key(id), entry);
        signIns.signedIn(caller.name(), remoteAddress, kind);
        return new Active(id, entry.csrf, caller, idle);
    }

    @Override
    public Optional<Active> resume(String id, String remoteAddress) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String key = key(id);
        Entry entry = sessions.get(key);
        long now = clock.getAsLong();
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry, now)) {
            sessions.remove(key, entry);
            return Optional.empty();
        }
        Caller caller;
        try {
            caller = authenticate(entry.credential, remoteAddress);
        } catch (TrustChainException e) {
            sessions.remove(key, entry);
            throw e;
        }
        entry.lastUsedNanos = now;
        return Optional.of(new Active(id, entry.csrf, caller, idle));
    }

    @Override
    public void close(String id) {
        if (id != null && !id.isEmpty()) {
            sessions.remove(key(id));
        }
    }

    private Caller authenticate(Credential credential, String remoteAddress) {
        if (credential.certificate() != null) {
            return authenticator.authenticate(credential.certificate(), remoteAddress);
        }
        return authenticator.authenticate(credential.token(), remoteAddress)
                .orElseThrow(() -> new TrustChainException(ErrorKind.UNAUTHORIZED, "the bearer token is unknown or revoked"));
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.lastUsedNanos > idle.toNanos();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
