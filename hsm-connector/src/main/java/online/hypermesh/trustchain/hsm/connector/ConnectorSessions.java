package online.hypermesh.trustchain.hsm.connector;

import java.util.function.Function;

import jakarta.resource.ResourceException;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.hsm.Pkcs11Sessions;
import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/**
 * The token's sessions from WildFly's pool, through the resource adapter's connection factory:
 * each call borrows a session for {@code request}'s token and gives it back. What the pool throws
 * becomes the token's own errors: the link's reason (UNAVAILABLE, or a refused PIN naming its
 * setting) when no session could be opened, UNAVAILABLE when every session stayed busy.
 */
public final class ConnectorSessions implements Pkcs11Sessions {
    private final HsmConnectionFactory factory;
    private final Pkcs11TokenRequest request;

    public ConnectorSessions(HsmConnectionFactory factory, Pkcs11TokenRequest request) {
        this.factory = factory;
        this.request = request;
    }

    @Override
    public <T> T withSession(Function<Pkcs11Session, T> work) {
        HsmConnection connection;
        try {
            connection = factory.getConnection(request);
        } catch (ResourceException e) {
            throw translate(e);
        }
        try (connection) {
            return connection.call(work);
        }
    }

    @Override
    public String describe() {
        return request + ", sessions pooled by WildFly (" + HsmConnectionFactory.JNDI_NAME + ")";
    }

    /**
     * WildFly wraps what the factory threw (IJ000453 and the like): the first reason of ours in the
     * chain wins (an {@link HsmUnavailableException}'s cause is its reason).
     */
    TrustChainException translate(ResourceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TrustChainException reason) {
                return new TrustChainException(reason.kind(), reason.getMessage(), null);
            }
        }
        String message = String.valueOf(e.getMessage());
        // IronJacamar's IJ000655: the pool's blocking timeout passed with every session in use.
        if (message.contains("IJ000655") || message.contains("blocking timeout")) {
            return new TrustChainException(ErrorKind.UNAVAILABLE, "every session of the " + request + " stayed busy: " + message
                    + "; retry later");
        }
        return new TrustChainException(ErrorKind.UNAVAILABLE, "no session of the " + request + " could be had: " + message, null);
    }
}
