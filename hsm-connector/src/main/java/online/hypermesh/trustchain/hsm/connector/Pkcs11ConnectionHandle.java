package online.hypermesh.trustchain.hsm.connector;

import java.util.function.Function;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/** What a caller holds of a pooled session: usable until closed, or until the pool took the session back. */
public final class Pkcs11ConnectionHandle implements HsmConnection {
    private volatile Pkcs11ManagedConnection connection;

    Pkcs11ConnectionHandle(Pkcs11ManagedConnection connection) {
        this.connection = connection;
    }

    @Override
    public <T> T call(Function<Pkcs11Session, T> work) {
        Pkcs11ManagedConnection c = connection;
        if (c == null) {
            throw new TrustChainException(ErrorKind.INTERNAL, "this PKCS#11 connection handle is closed", null);
        }
        return c.call(this, work);
    }

    @Override
    public void close() {
        Pkcs11ManagedConnection c = connection;
        if (c != null) {
            connection = null;
            c.closed(this);
        }
    }

    void moveTo(Pkcs11ManagedConnection other) {
        connection = other;
    }

    void invalidate() {
        connection = null;
    }
}
