package online.hypermesh.trustchain.witness;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/**
 * Signature objects for verifying notes, cosignatures and SCTs: from Bouncy Castle's provider when
 * it is on the class path (the server's EAR, the benchmarks), else from the JDK's. On JDK 17 SunEC
 * verifies an Ed25519 signature in about 1.3 ms and an ECDSA P-256 one in about 2 ms on this
 * project's machine, Bouncy Castle in about a fifth and a third of that, and one relying-party
 * validation checks six such signatures (four cosignatures, the log's, the SCT's). The runnable
 * witness jar stays on the JDK alone (no Bouncy Castle in it), so there the JDK verifies, as
 * before. Both implement the same verification (RFC 8032 5.1.7, FIPS 186-5 ECDSA): only the
 * speed differs. The provider is a private instance, not registered with the JVM, so nothing
 * else in the process changes its choice of provider.
 */
public final class Verifiers {
    private static final Optional<Provider> BOUNCY_CASTLE = bouncyCastle();

    private Verifiers() {
    }

    /** A fresh (not thread-safe) {@link Signature} for this algorithm, e.g. {@code Ed25519} or {@code SHA256withECDSA}. */
    public static Signature signature(String algorithm) throws NoSuchAlgorithmException {
        return signature(algorithm, BOUNCY_CASTLE);
    }

    static Signature signature(String algorithm, Optional<Provider> provider) throws NoSuchAlgorithmException {
        return provider.isPresent() ? Signature.getInstance(algorithm, provider.get()) : Signature.getInstance(algorithm);
    }

    /**
     * The key as the verifying provider's own key object, to be made once and kept: given a JDK key,
     * Bouncy Castle converts it at every {@code initVerify}, rebuilding the curve point and its
     * precomputed multiples each time (most of the garbage a validation made). Unchanged when the
     * JDK verifies or the provider cannot take the key (then it converts per use, as before).
     */
    public static PublicKey key(PublicKey key) {
        if (BOUNCY_CASTLE.isEmpty()) {
            return key;
        }
        try {
            // From the SubjectPublicKeyInfo, which every provider reads (Bouncy Castle's translateKey takes no JDK EdDSA key).
            return KeyFactory.getInstance(key.getAlgorithm(), BOUNCY_CASTLE.get()).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            return key;
        }
    }

    /** Which provider verifies in this process: "BC", or "JDK" for the JDK's own. */
    public static String provider() {
        return BOUNCY_CASTLE.map(Provider::getName).orElse("JDK");
    }

    private static Optional<Provider> bouncyCastle() {
        try {
            Class<?> c = Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider", true, Verifiers.class.getClassLoader());
            return Optional.of((Provider) c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            // Not on the class path: the witness jar. The JDK's providers verify.
            return Optional.empty();
        }
    }
}
