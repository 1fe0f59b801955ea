package online.hypermesh.trustchain.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The session pool against SoftHSM2 losing its token and getting it back while the JVM runs
 * (its token directory moved away and back: SoftHSM2 then answers CKR_GENERAL_ERROR until the
 * library is initialized again), a token that is not there at connect, and the size bound.
 */
class Pkcs11SessionPoolTest {
    private static final char[] PIN = Pkcs11CryptoTokenTest.PIN.toCharArray();

    @BeforeAll
    static void token() throws Exception {
        Pkcs11CryptoTokenTest.initToken();
    }

    private static Pkcs11SessionPool pool(String label, int size, Duration borrowTimeout) {
        return new Pkcs11SessionPool(Pkcs11CryptoTokenTest.library, label, PIN, "trustchain.pkcs11.pin.file",
                new Pkcs11SessionPool.Options(size, true, Duration.ofMillis(100), borrowTimeout));
    }

    @Test
    void aTokenLostWhileRunning_isUnavailable_andThePoolReconnectsWhenItIsBack() throws Exception {
        Pkcs11CryptoToken token = new Pkcs11CryptoToken(pool(Pkcs11CryptoTokenTest.LABEL, 2, Duration.ofSeconds(5)), Pkcs11CryptoTokenTest.publicKeys());
        PublicKey key = token.generateKey("loss-g1", KeyType.EC_P384);
        token.sign("loss-g1", KeyType.EC_P384.signingAlgorithm(), new byte[] {1});
        Path tokens = Pkcs11CryptoTokenTest.tokens;
        Path away = tokens.resolveSibling("tokens.away");
        Files.move(tokens, away);
        try {
            TrustChainException sign = assertThrows(TrustChainException.class,
                    () -> token.sign("loss-g1", KeyType.EC_P384.signingAlgorithm(), new byte[] {2}));
            assertEquals(ErrorKind.UNAVAILABLE, sign.kind(), sign.getMessage());
            assertTrue(sign.getMessage().contains("'" + Pkcs11CryptoTokenTest.LABEL + "'"), "names the token: " + sign.getMessage());
            // A vanished token has no keys: that is an outage, not a key that does not exist. A key the token showed
            // before is still answered from the saved public keys; one it never showed is UNAVAILABLE.
            Thread.sleep(150);
            assertTrue(token.hasKey("loss-g1"));
            assertEquals(key, token.publicKey("loss-g1"));
            assertEquals(ErrorKind.UNAVAILABLE, assertThrows(TrustChainException.class, () -> token.hasKey("never-seen-g1")).kind());
            assertEquals(ErrorKind.UNAVAILABLE, assertThrows(TrustChainException.class,
                    () -> token.generateKey("new-while-lost-g1", KeyType.EC_P256)).kind());
            assertEquals(ErrorKind.UNAVAILABLE, assertThrows(TrustChainException.class, token::requireAvailable).kind());
            assertEquals(false, ((Pkcs11SessionPool) token.sessions()).isConnected());
        } finally {
            Files.move(away, tokens);
        }
        Thread.sleep(150);
        token.requireAvailable();
        byte[] data = "after the reconnect".getBytes(StandardCharsets.UTF_8);
        byte[] sig = token.sign("loss-g1", KeyType.EC_P384.signingAlgorithm(), data);
        Signature verify = Signature.getInstance(KeyType.EC_P384.signingAlgorithm().jcaName());
        verify.initVerify(key);
        verify.update(data);
        assertTrue(verify.verify(sig), "the same key signs again, no restart");
        assertTrue(((Pkcs11SessionPool) token.sessions()).isConnected());
    }

    @Test
    void aTokenMissingAtConnect_isUnavailable_andFoundOnceItExists() throws Exception {
        String label = "late-token";
        Pkcs11CryptoToken token = new Pkcs11CryptoToken(pool(label, 1, Duration.ofSeconds(5)), Pkcs11CryptoTokenTest.publicKeys());
        TrustChainException e = assertThrows(TrustChainException.class, token::requireAvailable);
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("no initialized token labelled 'late-token'"), e.getMessage());
        Pkcs11CryptoTokenTest.run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", Pkcs11CryptoTokenTest.PIN,
                "--so-pin", "5678-so-pin");
        Thread.sleep(150);
        token.requireAvailable();
        token.generateKey("late-g1", KeyType.EC_P256);
        assertTrue(token.hasKey("late-g1"));
    }

    @Test
    void atMostSizeSessionsSignAtOnce_andAWaiterGivesUpWithUnavailable() throws Exception {
        Pkcs11SessionPool pool = pool(Pkcs11CryptoTokenTest.LABEL, 1, Duration.ofMillis(300));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> pool.withSession(s -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        TrustChainException busy = assertThrows(TrustChainException.class, pool::check);
        assertEquals(ErrorKind.UNAVAILABLE, busy.kind());
        assertTrue(busy.getMessage().contains("all 1 sessions"), busy.getMessage());
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        pool.check();
        assertEquals(1, pool.idleSessions(), "the one session went back to the pool");
    }
}
