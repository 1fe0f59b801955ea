package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.ConsoleSessions;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class ConsoleSessionStoreTest {
    private final Map<String, Caller> tokens = new HashMap<>(Map.of("officer-token", new Caller("alice", Caller.Role.OFFICER),
            "issuer-token", new Caller("robot", Caller.Role.ISSUER)));
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** The sign-in events the store audited, as "action actor address credential". */
    private final java.util.List<String> audited = new java.util.ArrayList<>();
    private final ConsoleSignIns signIns = new ConsoleSignIns() {
        @Override
        public void signedIn(String account, String address, String credential) {
            audited.add("console.signed-in " + account + " " + address + " " + credential);
        }

        @Override
        public void refused(String account, String address, String credential, String reason) {
            audited.add("console.sign-in.refused " + account + " " + address + " " + credential);
        }
    };
    private final ConsoleSessionStore store = ConsoleSessionStore.of(new Authenticator() {
        @Override
        public Optional<Caller> authenticate(String bearerToken) {
            return Optional.ofNullable(tokens.get(bearerToken));
        }

        @Override
        public Optional<Caller> authenticate(String bearerToken, String remoteAddress) {
            return authenticate(bearerToken);
        }

        @Override
        public Caller authenticate(X509Certificate clientCertificate, String remoteAddress) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "no certificates here");
        }

        @Override
        public Caller authenticateHolder(X509Certificate clientCertificate, String remoteAddress) {
            throw new UnsupportedOperationException();
        }
    }, signIns, Duration.ofMinutes(15), nanos::get);

    @Test
    void aSession_resumesAsItsCaller_withItsCsrfToken_andOpaqueRandomIds() {
        ConsoleSessions.Active opened = store.openWithToken("officer-token", "::1");
        ConsoleSessions.Active resumed = store.resume(opened.id(), "::1").orElseThrow();
        assertEquals("alice", resumed.caller().name());
        assertEquals(opened.csrfToken(), resumed.csrfToken());
        assertNotEquals(opened.id(), opened.csrfToken());
        assertTrue(opened.id().matches("[A-Za-z0-9_-]{43}"), opened.id());
        assertNotEquals(opened.id(), store.openWithToken("officer-token", "::1").id());
        assertTrue(store.resume("not-a-session", "::1").isEmpty());
    }

    @Test
    void aSession_idleLongerThanTheTimeout_isGone_butUseKeepsItAlive() {
        ConsoleSessions.Active opened = store.openWithToken("officer-token", "::1");
        nanos.addAndGet(Duration.ofMinutes(14).toNanos());
        assertTrue(store.resume(opened.id(), "::1").isPresent(), "used within the timeout");
        nanos.addAndGet(Duration.ofMinutes(14).toNanos());
        assertTrue(store.resume(opened.id(), "::1").isPresent(), "the idle clock restarted at the last use");
        nanos.addAndGet(Duration.ofMinutes(15).plusSeconds(1).toNanos());
        assertTrue(store.resume(opened.id(), "::1").isEmpty(), "idle too long");
        nanos.set(0);
        assertTrue(store.resume(opened.id(), "::1").isEmpty(), "and gone for good");
    }

    @Test
    void aRevokedToken_endsItsSession_atTheNextRequest() {
        ConsoleSessions.Active opened = store.openWithToken("officer-token", "::1");
        tokens.remove("officer-token");
        TrustChainException e = assertThrows(TrustChainException.class, () -> store.resume(opened.id(), "::1"));
        assertEquals(ErrorKind.UNAUTHORIZED, e.kind());
        tokens.put("officer-token", new Caller("alice", Caller.Role.OFFICER));
        assertTrue(store.resume(opened.id(), "::1").isEmpty(), "the session was closed, not suspended");
    }

    @Test
    void signIn_isRefused_forUnknownTokens_andAccountsWithoutAConsoleRole() {
        assertEquals(ErrorKind.UNAUTHORIZED, assertThrows(TrustChainException.class, () -> store.openWithToken("nope", "::1")).kind());
        TrustChainException e = assertThrows(TrustChainException.class, () -> store.openWithToken("issuer-token", "::1"));
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
        assertTrue(e.detail().contains("admin, officer, auditor"), e.detail());
    }

    @Test
    void signOut_closesTheSession() {
        ConsoleSessions.Active opened = store.openWithToken("officer-token", "::1");
        store.close(opened.id());
        assertTrue(store.resume(opened.id(), "::1").isEmpty());
    }

    @Test
    void aSignIn_isAudited_asIsTheRefusalOfAKnownAccount_butNotAnUnknownToken() {
        store.openWithToken("officer-token", "2001:db8::7");
        assertThrows(TrustChainException.class, () -> store.openWithToken("issuer-token", "2001:db8::8"));
        assertThrows(TrustChainException.class, () -> store.openWithToken("no-such-token", "2001:db8::9"));
        assertEquals(java.util.List.of("console.signed-in alice 2001:db8::7 bearer token",
                "console.sign-in.refused robot 2001:db8::8 bearer token"), audited);
    }
}
