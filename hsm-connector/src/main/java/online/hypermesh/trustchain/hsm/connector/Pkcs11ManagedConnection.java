package online.hypermesh.trustchain.hsm.connector;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import online.hypermesh.trustchain.hsm.Pkcs11TokenLink;
import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/**
 * One logged-in PKCS#11 session in WildFly's pool. Handles are lent to callers; a handle's close
 * gives the session back (CONNECTION_CLOSED), a failure that broke it tells the pool to destroy it
 * (CONNECTION_ERROR_OCCURRED). Signing is not transactional: NoTransaction.
 */
final class Pkcs11ManagedConnection implements ManagedConnection {
    private final Pkcs11TokenRequest request;
    private final Pkcs11TokenLink link;
    private final Pkcs11Session session;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Pkcs11ConnectionHandle> handles = new CopyOnWriteArrayList<>();
    private volatile boolean broken;
    private PrintWriter logWriter;

    Pkcs11ManagedConnection(Pkcs11TokenRequest request, Pkcs11TokenLink link, Pkcs11Session session) {
        this.request = request;
        this.link = link;
        this.session = session;
    }

    Pkcs11TokenRequest request() {
        return request;
    }

    boolean isValid() {
        return !broken && link.isValid(session);
    }

    <T> T call(Pkcs11ConnectionHandle handle, Function<Pkcs11Session, T> work) {
        return link.call(session, work, () -> {
            broken = true;
            fire(ConnectionEvent.CONNECTION_ERROR_OCCURRED, handle, new ResourceException("the PKCS#11 session broke"));
        });
    }

    void closed(Pkcs11ConnectionHandle handle) {
        handles.remove(handle);
        fire(ConnectionEvent.CONNECTION_CLOSED, handle, null);
    }

    private void fire(int type, Pkcs11ConnectionHandle handle, Exception cause) {
        ConnectionEvent event = cause == null ? new ConnectionEvent(this, type) : new ConnectionEvent(this, type, cause);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener l : listeners) {
            if (type == ConnectionEvent.CONNECTION_CLOSED) {
                l.connectionClosed(event);
            } else {
                l.connectionErrorOccurred(event);
            }
        }
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        Pkcs11ConnectionHandle handle = new Pkcs11ConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof Pkcs11ConnectionHandle handle)) {
            throw new ResourceException("not a PKCS#11 connection handle: " + connection);
        }
        handle.moveTo(this);
        handles.add(handle);
    }

    /** The pool takes the session back: handles still out are of no use any more. */
    @Override
    public void cleanup() {
        for (Pkcs11ConnectionHandle h : handles) {
            h.invalidate();
        }
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
        link.close(session);
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("PKCS#11 signing is not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("PKCS#11 signing is not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "PKCS#11 " + link.library().path();
            }

            @Override
            public String getEISProductVersion() {
                return "2.40";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return "token " + link.label();
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
