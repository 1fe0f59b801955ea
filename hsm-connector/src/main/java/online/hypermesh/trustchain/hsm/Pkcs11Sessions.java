package online.hypermesh.trustchain.hsm;

import java.util.function.Function;

import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/**
 * Where {@link Pkcs11CryptoToken} gets a logged-in session of its token: from WildFly's pool
 * through the resource adapter ({@code connector.ConnectorSessions}, in a deployment), or from
 * {@link Pkcs11SessionPool} (outside a container: tools and unit tests).
 */
public interface Pkcs11Sessions {
    /**
     * Runs {@code work} on a validated session. A token that cannot be reached is UNAVAILABLE (503),
     * a refused PIN an error naming the PIN setting; anything else is the work's own error.
     */
    <T> T withSession(Function<Pkcs11Session, T> work);

    /** Connects if needed and validates one session: throws what a signature would throw now. */
    default void check() {
        withSession(s -> null);
    }

    /** A line for reports: the token's label and how its sessions are pooled. */
    String describe();
}
