package online.hypermesh.trustchain.ca.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.crypto.soft.InMemoryWrappedKeyStore;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The token of a deployment moving onto an HSM, over two real software tokens standing for the
 * HSM and the previous token (the PKCS#11 side is tested against SoftHSM2 in hsm-connector and
 * Pkcs11MoveBlackBoxIT): new keys go to the HSM only, keys made before stay usable where they are.
 */
class MovingCryptoTokenTest {
    private final CryptoToken hsm = new SoftwareCryptoToken(new InMemoryWrappedKeyStore(), "hsm-stand-in-secret-0123".toCharArray(), Clock.systemUTC());
    private final CryptoToken previous = new SoftwareCryptoToken(new InMemoryWrappedKeyStore(), "previous-token-secret-01".toCharArray(),
            Clock.systemUTC());
    private final MovingCryptoToken token = new MovingCryptoToken(hsm, previous);

    @Test
    void newKeysAreMadeInTheHsm_andOldKeysStillSignFromThePreviousToken() throws Exception {
        PublicKey old = previous.generateKey("ca-us-east-1-g1", KeyType.EC_P384);
        PublicKey fresh = token.generateKey("ca-us-east-1-g2", KeyType.EC_P384);

        assertTrue(hsm.hasKey("ca-us-east-1-g2"));
        assertFalse(previous.hasKey("ca-us-east-1-g2"), "nothing new in the software token");
        assertTrue(token.hasKey("ca-us-east-1-g1") && token.hasKey("ca-us-east-1-g2"));
        assertEquals(old, token.publicKey("ca-us-east-1-g1"));
        assertEquals(fresh, token.publicKey("ca-us-east-1-g2"));
        assertTrue(verifies(old, token.sign("ca-us-east-1-g1", SigningAlgorithm.SHA384_WITH_ECDSA, data()), SigningAlgorithm.SHA384_WITH_ECDSA));
        assertTrue(verifies(fresh, token.sign("ca-us-east-1-g2", SigningAlgorithm.SHA384_WITH_ECDSA, data()), SigningAlgorithm.SHA384_WITH_ECDSA));
        assertFalse(token.hasKey("ca-eu-west-1-g1"));
    }

    @Test
    void anAliasOfThePreviousToken_isNotMadeAgainInTheHsm() {
        previous.generateKey("ct-log-g1", KeyType.EC_P256);
        assertEquals(ErrorKind.CONFLICT, assertThrows(TrustChainException.class, () -> token.generateKey("ct-log-g1", KeyType.EC_P256)).kind());
        assertFalse(hsm.hasKey("ct-log-g1"));
    }

    private static byte[] data() {
        return "a CRL, say".getBytes(StandardCharsets.UTF_8);
    }

    private static boolean verifies(PublicKey key, byte[] signature, SigningAlgorithm algorithm) throws Exception {
        Signature v = Signature.getInstance(algorithm.jcaName());
        v.initVerify(key);
        v.update(data());
        return v.verify(signature);
    }
}
