package online.hypermesh.trustchain.core.crypto.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class SoftwareCryptoTokenTest {
    private static final char[] SECRET = "correct horse battery staple 42".toCharArray();
    private final InMemoryWrappedKeyStore store = new InMemoryWrappedKeyStore();
    private final SoftwareCryptoToken token = new SoftwareCryptoToken(store, SECRET, Clock.systemUTC());
    private final byte[] data = "to be signed".getBytes(StandardCharsets.UTF_8);

    @Test
    void sign_producesSignaturesThatVerifyWithThePublicKey() throws Exception {
        PublicKey generated = token.generateKey("k1", KeyType.EC_P384);
        byte[] signature = token.sign("k1", SigningAlgorithm.SHA384_WITH_ECDSA, data);
        Signature verifier = Signature.getInstance("SHA384withECDSA");
        verifier.initVerify(token.publicKey("k1"));
        verifier.update(data);
        assertTrue(verifier.verify(signature));
        assertEquals(generated, token.publicKey("k1"));
    }

    @Test
    void keysSurviveARestartWithTheSameSecret() throws Exception {
        token.generateKey("k2", KeyType.EC_P256);
        SoftwareCryptoToken restarted = new SoftwareCryptoToken(store, SECRET, Clock.systemUTC());
        byte[] signature = restarted.sign("k2", SigningAlgorithm.SHA256_WITH_ECDSA, data);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(token.publicKey("k2"));
        verifier.update(data);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void storedKeyIsEncrypted_andAWrongSecretCannotUseIt() {
        PublicKey key = token.generateKey("k3", KeyType.EC_P256);
        WrappedKey wrapped = store.find("k3").orElseThrow();
        assertFalse(new String(wrapped.ciphertext(), StandardCharsets.ISO_8859_1).contains(new String(key.getEncoded(), StandardCharsets.ISO_8859_1).substring(30)));
        SoftwareCryptoToken wrongSecret = new SoftwareCryptoToken(store, "another secret of enough length".toCharArray(), Clock.systemUTC());
        TrustChainException e = assertThrows(TrustChainException.class, () -> wrongSecret.sign("k3", SigningAlgorithm.SHA256_WITH_ECDSA, data));
        assertTrue(e.getMessage().contains("operator secret"), e.getMessage());
    }

    @Test
    void ciphertextMovedToAnotherAliasDoesNotDecrypt() {
        token.generateKey("k4", KeyType.EC_P256);
        WrappedKey original = store.find("k4").orElseThrow();
        store.insert(new WrappedKey("k5", original.type(), original.publicKey(), original.salt(), original.iterations(),
                original.iv(), original.ciphertext(), original.createdAt()));
        assertThrows(TrustChainException.class, () -> token.sign("k5", SigningAlgorithm.SHA256_WITH_ECDSA, data));
    }

    @Test
    void generateKey_refusesAnExistingAliasAndBadAliases() {
        token.generateKey("k6", KeyType.EC_P256);
        assertEquals(ErrorKind.CONFLICT, assertThrows(TrustChainException.class, () -> token.generateKey("k6", KeyType.EC_P256)).kind());
        assertThrows(TrustChainException.class, () -> token.generateKey("bad alias", KeyType.EC_P256));
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(TrustChainException.class, () -> token.publicKey("missing")).kind());
    }

    @Test
    void constructor_refusesAShortSecret() {
        assertThrows(TrustChainException.class, () -> new SoftwareCryptoToken(store, "short".toCharArray(), Clock.systemUTC()));
    }
}
