package online.hypermesh.trustchain.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ManagedConnection;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.hsm.connector.HsmConnection;
import online.hypermesh.trustchain.hsm.connector.HsmUnavailableException;
import online.hypermesh.trustchain.hsm.connector.Pkcs11ManagedConnectionFactory;
import online.hypermesh.trustchain.hsm.connector.Pkcs11TokenRequest;

/**
 * The resource adapter's side of the Connectors contract, on SoftHSM2, as WildFly's pool drives it:
 * a managed connection per logged-in session, handles whose close and breakage reach the pool's
 * listener, matching by token and PIN, validation that finds the sessions of a lost token, and a
 * new session once it is back.
 */
class Pkcs11ManagedConnectionFactoryTest {
    private static final String PIN_SETTING = "trustchain.pkcs11.pin.file";

    @BeforeAll
    static void token() throws Exception {
        Pkcs11CryptoTokenTest.initToken();
    }

    private static Pkcs11TokenRequest request(String label, String pin) {
        return new Pkcs11TokenRequest(Pkcs11CryptoTokenTest.LIBRARY, label, pin.toCharArray(), PIN_SETTING);
    }

    private static Pkcs11ManagedConnectionFactory factory() {
        Pkcs11ManagedConnectionFactory f = new Pkcs11ManagedConnectionFactory();
        f.setReconnectIntervalMillis(100L);
        return f;
    }

    /** What the pool's listener heard. */
    private static final class Heard implements ConnectionEventListener {
        final List<ConnectionEvent> closed = new ArrayList<>();
        final List<ConnectionEvent> errors = new ArrayList<>();

        @Override
        public void connectionClosed(ConnectionEvent event) {
            closed.add(event);
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            errors.add(event);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
        }
    }

    @Test
    void aManagedConnectionIsOneLoggedInSession_andAHandlesCloseGivesItBack() throws Exception {
        Pkcs11ManagedConnectionFactory f = factory();
        Pkcs11TokenRequest request = request(Pkcs11CryptoTokenTest.LABEL, Pkcs11CryptoTokenTest.PIN);
        ManagedConnection mc = f.createManagedConnection(null, request);
        Heard heard = new Heard();
        mc.addConnectionEventListener(heard);
        HsmConnection handle = (HsmConnection) mc.getConnection(null, request);
        PublicKey key = handle.call(s -> s.generate("ra-g1", "EC", 0, "secp256r1"));
        boolean present = handle.call(s -> s.findPrivateKey("ra-g1").isPresent());
        assertTrue(present);
        handle.close();
        assertEquals(1, heard.closed.size());
        assertSame(handle, heard.closed.get(0).getConnectionHandle());
        assertTrue(f.getInvalidConnections(Set.of(mc)).isEmpty(), "a live session is valid");
        assertEquals(ErrorKind.INTERNAL, assertThrows(TrustChainException.class, () -> handle.call(s -> null)).kind(),
                "a closed handle no longer reaches the session");
        mc.destroy();
        assertTrue(key != null);
    }

    @Test
    void thePoolMatchesSessionsByTokenAndPin_andOpensNoneWithoutARequest() throws Exception {
        Pkcs11ManagedConnectionFactory f = factory();
        Pkcs11TokenRequest request = request(Pkcs11CryptoTokenTest.LABEL, Pkcs11CryptoTokenTest.PIN);
        ManagedConnection mc = f.createManagedConnection(null, request);
        try {
            assertSame(mc, f.matchManagedConnections(Set.of(mc), null, request(Pkcs11CryptoTokenTest.LABEL, Pkcs11CryptoTokenTest.PIN)));
            assertNull(f.matchManagedConnections(Set.of(mc), null, request(Pkcs11CryptoTokenTest.LABEL, "another-pin")));
            assertThrows(ResourceException.class, () -> f.createManagedConnection(null, null), "no anonymous sessions");
            assertTrue(!request.toString().contains(Pkcs11CryptoTokenTest.PIN), "the request's text never shows the PIN");
        } finally {
            mc.destroy();
        }
    }

    @Test
    void aRefusedPin_isAnErrorNamingTheSetting() {
        HsmUnavailableException e = assertThrows(HsmUnavailableException.class,
                () -> factory().createManagedConnection(null, request(Pkcs11CryptoTokenTest.OTHER_LABEL, "not-the-pin")));
        assertEquals(ErrorKind.INTERNAL, e.reason().kind());
        assertTrue(e.getMessage().contains("refused the PIN") && e.getMessage().contains(PIN_SETTING), e.getMessage());
    }

    @Test
    void theSessionsOfALostToken_areInvalid_aBrokenCallTellsThePool_andANewSessionSignsWhenItIsBack() throws Exception {
        Pkcs11ManagedConnectionFactory f = factory();
        Pkcs11TokenRequest request = request(Pkcs11CryptoTokenTest.LABEL, Pkcs11CryptoTokenTest.PIN);
        ManagedConnection mc = f.createManagedConnection(null, request);
        HsmConnection handle = (HsmConnection) mc.getConnection(null, request);
        handle.call(s -> s.generate("loss-ra-g1", "EC", 0, "secp384r1"));
        Heard heard = new Heard();
        mc.addConnectionEventListener(heard);
        Path tokens = Pkcs11CryptoTokenTest.tokens;
        Path away = tokens.resolveSibling("tokens.away-ra");
        Files.move(tokens, away);
        try {
            assertEquals(Set.of(mc), f.getInvalidConnections(Set.of(mc)), "validation finds the session of a lost token");
            TrustChainException e = assertThrows(TrustChainException.class, () -> handle.call(s -> {
                long k = s.findPrivateKey("loss-ra-g1").orElseThrow(() -> TrustChainException.notFound("gone"));
                return s.sign(k, KeyType.EC_P384.signingAlgorithm().jcaName(), new byte[] {1});
            }));
            assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
            assertEquals(1, heard.errors.size(), "the pool hears that the session broke, and destroys it");
            Thread.sleep(150);
            HsmUnavailableException down = assertThrows(HsmUnavailableException.class, () -> f.createManagedConnection(null, request));
            assertEquals(ErrorKind.UNAVAILABLE, down.reason().kind());
        } finally {
            Files.move(away, tokens);
            mc.destroy();
        }
        Thread.sleep(150);
        ManagedConnection again = f.createManagedConnection(null, request);
        try (HsmConnection h = (HsmConnection) again.getConnection(null, request)) {
            byte[] sig = h.call(s -> s.sign(s.findPrivateKey("loss-ra-g1").orElseThrow(), KeyType.EC_P384.signingAlgorithm().jcaName(),
                    new byte[] {2}));
            assertTrue(sig.length > 0, "the same key signs again, no restart");
        } finally {
            again.destroy();
        }
    }
}
