package online.hypermesh.trustchain.hsm.connector;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.Subject;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.hsm.Pkcs11TokenLink;
import online.hypermesh.trustchain.pkcs11.Pkcs11Library;
import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/**
 * Makes one managed connection per PKCS#11 session, for the token a {@link Pkcs11TokenRequest}
 * names; WildFly pools them (size, validate-on-match, flush strategy: wildfly-config/cli/hsm.cli)
 * and asks {@link #getInvalidConnections} which are dead. Each token has one
 * {@link Pkcs11TokenLink}, which connects, reconnects after a loss (at most once per
 * {@code ReconnectIntervalMillis}) and classifies faults.
 *
 * <p>Only managed use: without WildFly's connection manager there is no pool, and no factory.
 */
public class Pkcs11ManagedConnectionFactory implements ManagedConnectionFactory, ValidatingManagedConnectionFactory, ResourceAdapterAssociation {
    private static final long serialVersionUID = 1L;

    private Long reconnectIntervalMillis = 1000L;
    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private final transient Map<Pkcs11TokenRequest, Pkcs11TokenLink> links = new ConcurrentHashMap<>();

    /** Config property ReconnectIntervalMillis: while the token is unreachable, the least time between two reconnect attempts. */
    public Long getReconnectIntervalMillis() {
        return reconnectIntervalMillis;
    }

    public void setReconnectIntervalMillis(Long millis) {
        this.reconnectIntervalMillis = millis;
    }

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new Pkcs11ConnectionFactory(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new NotSupportedException("PKCS#11 sessions are pooled by the application server: use the factory bound at "
                + HsmConnectionFactory.JNDI_NAME);
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        Pkcs11TokenRequest request = request(info);
        Pkcs11TokenLink link = links.computeIfAbsent(request, r -> {
            char[] pin = r.pin();
            try {
                return new Pkcs11TokenLink(Pkcs11Library.load(r.library()), r.label(), pin, r.pinSetting(),
                        Duration.ofMillis(reconnectIntervalMillis));
            } finally {
                java.util.Arrays.fill(pin, '\0');
            }
        });
        try {
            Pkcs11Session session = link.open();
            return new Pkcs11ManagedConnection(request, link, session);
        } catch (TrustChainException e) {
            throw new HsmUnavailableException(e);
        }
    }

    @Override
    public ManagedConnection matchManagedConnections(@SuppressWarnings("rawtypes") Set candidates, Subject subject,
            ConnectionRequestInfo info) throws ResourceException {
        Pkcs11TokenRequest request = request(info);
        for (Object candidate : candidates) {
            if (candidate instanceof Pkcs11ManagedConnection mc && mc.request().equals(request)) {
                return mc;
            }
        }
        return null;
    }

    /** Sessions that are closed, of an earlier initialization of the library, or whose token no longer answers to its label. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set candidates) {
        Set invalid = new HashSet<>();
        for (Object candidate : candidates) {
            if (candidate instanceof Pkcs11ManagedConnection mc && !mc.isValid()) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    private static Pkcs11TokenRequest request(ConnectionRequestInfo info) throws ResourceException {
        if (info instanceof Pkcs11TokenRequest r) {
            return r;
        }
        // No anonymous sessions: whoever asks must name the token and present its PIN.
        throw new ResourceException("a PKCS#11 session is opened only for a Pkcs11TokenRequest (library, token label and PIN)");
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) {
        this.resourceAdapter = adapter;
    }

    // Connectors 2.1 section 6.5.3.2: equality by configuration, so the server can tell factories apart.
    @Override
    public boolean equals(Object o) {
        return o instanceof Pkcs11ManagedConnectionFactory f && java.util.Objects.equals(reconnectIntervalMillis, f.reconnectIntervalMillis);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(reconnectIntervalMillis);
    }
}
