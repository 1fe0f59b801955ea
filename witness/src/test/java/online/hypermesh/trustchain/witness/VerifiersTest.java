package online.hypermesh.trustchain.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/** Bouncy Castle, where present, verifies exactly what the JDK verifies: the same verdict on good and altered signatures. */
class VerifiersTest {
    @Test
    void bouncyCastleIsUsedWhenItIsOnTheClassPath() {
        assertEquals("BC", Verifiers.provider());
    }

    @Test
    void bothProvidersAgreeOnEd25519AndEcdsaSignaturesAndTheirAlterations() throws Exception {
        byte[] message = "cosignature/v1\ntime 1700000000\nexample.com/log\n42\n".getBytes(StandardCharsets.UTF_8);
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair ec = TestLog.p256();
        for (Object[] t : List.of(new Object[] {"Ed25519", ed}, new Object[] {"SHA256withECDSA", ec})) {
            String alg = (String) t[0];
            KeyPair pair = (KeyPair) t[1];
            Signature signer = Signature.getInstance(alg);
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] good = signer.sign();
            byte[] altered = good.clone();
            altered[altered.length - 1] ^= 1;
            byte[] otherMessage = message.clone();
            otherMessage[0] ^= 1;
            for (Optional<Provider> p : List.of(Optional.<Provider>empty(), Optional.<Provider>of(new BouncyCastleProvider()))) {
                assertTrue(verifies(alg, p, pair, message, good), alg + " " + p);
                assertFalse(verifies(alg, p, pair, message, altered), alg + " " + p);
                assertFalse(verifies(alg, p, pair, otherMessage, good), alg + " " + p);
            }
            // The key made once for Bouncy Castle (Verifiers.key) gives the same verdicts.
            KeyPair translated = new KeyPair(Verifiers.key(pair.getPublic()), pair.getPrivate());
            assertTrue(translated.getPublic().getClass().getName().startsWith("org.bouncycastle."), translated.getPublic().getClass().getName());
            Optional<Provider> bc = Optional.of(new BouncyCastleProvider());
            assertTrue(verifies(alg, bc, translated, message, good), alg);
            assertFalse(verifies(alg, bc, translated, message, altered), alg);
            assertFalse(verifies(alg, bc, translated, otherMessage, good), alg);
        }
    }

    private static boolean verifies(String alg, Optional<Provider> p, KeyPair pair, byte[] message, byte[] sig) throws Exception {
        Signature v = Verifiers.signature(alg, p);
        v.initVerify(pair.getPublic());
        v.update(message);
        try {
            return v.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
