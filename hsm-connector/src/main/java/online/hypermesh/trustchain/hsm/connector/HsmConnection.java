package online.hypermesh.trustchain.hsm.connector;

import java.util.function.Function;

import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/** A handle on one pooled PKCS#11 session; {@link #close()} gives the session back to WildFly's pool. */
public interface HsmConnection extends AutoCloseable {
    /**
     * Runs {@code work} on the session. A failure that leaves the session unusable (a PKCS#11 error,
     * the token gone) is reported to the pool, which drops the session (and, as its flush strategy
     * says, its siblings) instead of lending it again.
     */
    <T> T call(Function<Pkcs11Session, T> work);

    @Override
    void close();
}
