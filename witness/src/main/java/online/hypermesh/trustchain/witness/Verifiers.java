package online.hypermesh.trustchain.witness;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
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
