package online.hypermesh.trustchain.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.pkcs11.Pkcs11Library;
import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/**
 * The PKCS#11 token against a real SoftHSM2 token that the test initializes in its own
 * directory (SOFTHSM2_CONF, set by the POM); key attributes are read back with OpenSC's
 * pkcs11-tool, a client we did not write.
 */
class Pkcs11CryptoTokenTest {
    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    static final String LABEL = "trustchain-test";
    /**
     * The second token's label does not start with the first's: pkcs11-tool's --token-label matches
     * a prefix, and SoftHSM2 lists its tokens in directory order, so "trustchain-test-pin" could be
     * the one it picks for "trustchain-test".
     */
    static final String OTHER_LABEL = "pin-check-token";
    static final String PIN = "1234-user-pin";
    static Path tokens;
    static Pkcs11Library library;
    static long slot;

    @BeforeAll
    static void initToken() throws Exception {
        Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
        tokens = conf.getParent().resolve("tokens");
        if (Files.exists(tokens)) {
            try (var paths = Files.walk(tokens)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(tokens);
        Path saved = tokens.resolveSibling("public-keys");
        if (Files.exists(saved)) {
            try (var paths = Files.walk(saved)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        run("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", "5678-so-pin");
        // A second token that nobody logs in to: PKCS#11 login is per application and token, so a
        // wrong PIN shows only where no session has logged in yet.
        run("softhsm2-util", "--init-token", "--free", "--label", OTHER_LABEL, "--pin", PIN, "--so-pin", "5678-so-pin");
        library = Pkcs11Library.load(LIBRARY);
        // Another test class of this JVM may have initialized the library on the token directory just replaced.
        library.reinitialize(library.generation());
        slot = library.slotOf(LABEL).orElseThrow(() -> new AssertionError("no slot with token " + LABEL));
    }

    /** The saved public keys, next to the token directory (the server keeps them in its data directory). */
    static PublicKeyFiles publicKeys() {
        return new PublicKeyFiles(tokens.resolveSibling("public-keys"));
    }

    private static Pkcs11CryptoToken token(String pin) {
        return new Pkcs11CryptoToken(new Pkcs11SessionPool(library, LABEL, pin.toCharArray(), "trustchain.pkcs11.pin.file",
                Pkcs11SessionPool.Options.defaults(4)), publicKeys());
    }

    @Test
    void keysOfEveryCaRole_areGeneratedInTheToken_andSignVerifiably() throws Exception {
        Pkcs11CryptoToken token = token(PIN);
        record Role(String alias, KeyType type) {
        }
        for (Role role : List.of(new Role("root-g1", KeyType.RSA_4096), new Role("us-east-1-g1", KeyType.EC_P384),
                new Role("ocsp-us-east-1-g1-1", KeyType.EC_P256), new Role("ct-log-g1", KeyType.EC_P256))) {
            PublicKey generated = token.generateKey(role.alias(), role.type());
            assertTrue(token.hasKey(role.alias()));
            assertEquals(generated, token.publicKey(role.alias()), "the public key read back equals the generated one");
            byte[] data = ("to be signed by " + role.alias()).getBytes(StandardCharsets.UTF_8);
            byte[] sig = token.sign(role.alias(), role.type().signingAlgorithm(), data);
            Signature verify = Signature.getInstance(role.type().signingAlgorithm().jcaName());
            verify.initVerify(generated);
            verify.update(data);
            assertTrue(verify.verify(sig), role.alias() + " signature verifies with the JDK");
            if (role.type() == KeyType.RSA_4096) {
                assertEquals(4096, ((RSAPublicKey) generated).getModulus().bitLength());
            } else {
                assertEquals(role.type().bits(), ((ECPublicKey) generated).getParams().getCurve().getField().getFieldSize());
            }
        }
        String objects = run("pkcs11-tool", "--module", LIBRARY, "--token-label", LABEL, "--login", "--pin", PIN, "--list-objects", "--type", "privkey");
        for (String alias : List.of("root-g1", "us-east-1-g1", "ocsp-us-east-1-g1-1", "ct-log-g1")) {
            int at = objects.indexOf("label:      " + alias);
            assertTrue(at >= 0, objects);
            String block = objects.substring(at, Math.min(objects.length(), at + 400));
            String access = block.substring(block.indexOf("Access:"), block.indexOf('\n', block.indexOf("Access:")));
            assertTrue(access.contains("sensitive") && access.contains("never extractable") && access.contains("local"),
                    alias + ": " + access);
            assertFalse(access.contains(" extractable,") && !access.contains("never extractable"), access);
        }
    }

    /**
     * The attribute templates must stay alive for the whole native call: a collection while the
     * token generates a key must not free the label and flags it is reading. A thread collects
     * garbage without pause while keys are generated; every key must still have its label and be
     * sensitive, never extractable and sign-only.
     */
    @Test
    void keysGeneratedWhileTheCollectorRuns_haveTheAttributesAskedFor() throws Exception {
        Pkcs11CryptoToken token = token(PIN);
        java.util.concurrent.atomic.AtomicBoolean generating = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (generating.get()) {
                byte[][] garbage = new byte[64][];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = new byte[1024];
                }
                System.gc();
            }
        }, "collector");
        collector.start();
        List<String> aliases = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                aliases.add("gc-rsa-" + i);
                token.generateKey("gc-rsa-" + i, KeyType.RSA_2048);
            }
            for (int i = 0; i < 12; i++) {
                aliases.add("gc-ec-" + i);
                token.generateKey("gc-ec-" + i, KeyType.EC_P256);
            }
        } finally {
            generating.set(false);
            collector.join();
        }
        String objects = run("pkcs11-tool", "--module", LIBRARY, "--token-label", LABEL, "--login", "--pin", PIN, "--list-objects", "--type", "privkey");
        for (String alias : aliases) {
            int at = objects.indexOf("label:      " + alias + "\n");
            assertTrue(at >= 0, alias + " is in the token under its label:\n" + objects);
            String block = objects.substring(at, Math.min(objects.length(), at + 400));
            String usage = block.substring(block.indexOf("Usage:"), block.indexOf('\n', block.indexOf("Usage:")));
            String access = block.substring(block.indexOf("Access:"), block.indexOf('\n', block.indexOf("Access:")));
            assertEquals("Usage:      sign", usage.trim(), alias);
            assertTrue(access.contains("sensitive") && access.contains("never extractable"), alias + ": " + access);
        }
    }

    @Test
    void anExistingAlias_isAConflict_andAMissingOneNotFound() {
        Pkcs11CryptoToken token = token(PIN);
        token.generateKey("conflict-g1", KeyType.EC_P256);
        TrustChainException again = assertThrows(TrustChainException.class, () -> token.generateKey("conflict-g1", KeyType.EC_P256));
        assertEquals(ErrorKind.CONFLICT, again.kind());
        assertFalse(token.hasKey("absent-g1"));
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(TrustChainException.class, () -> token.publicKey("absent-g1")).kind());
    }

    @Test
    void aWrongPin_isAClearErrorNamingTheSetting() {
        Pkcs11CryptoToken wrong = new Pkcs11CryptoToken(new Pkcs11SessionPool(library, OTHER_LABEL, "not-the-pin".toCharArray(),
                "trustchain.pkcs11.pin.file", Pkcs11SessionPool.Options.defaults(1)), publicKeys());
        TrustChainException e = assertThrows(TrustChainException.class, () -> wrong.hasKey("root-g1"));
        assertTrue(e.getMessage().contains("CKR_PIN_INCORRECT") && e.getMessage().contains("trustchain.pkcs11.pin.file"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-pin"), "the PIN is never repeated");
        assertEquals(ErrorKind.INTERNAL, e.kind(), "not an outage to wait out: the setting is wrong");
        TrustChainException health = assertThrows(TrustChainException.class, wrong::requireAvailable);
        assertTrue(health.getMessage().contains("trustchain.pkcs11.pin.file"), health.getMessage());
    }

    @Test
    void rawEcdsaSignatures_becomeDer() {
        byte[] raw = new byte[64];
        raw[31] = 1;
        raw[32] = (byte) 0x80;
        byte[] der = Pkcs11Session.derSignature(raw);
        assertEquals(0x30, der[0]);
        assertEquals(der.length - 2, der[1]);
        assertEquals(1, der[3], "r = 1 is one byte");
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
