package online.hypermesh.trustchain.hsm.connector;

import java.io.Serializable;

import javax.naming.NamingException;
import javax.naming.Reference;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

/** The factory WildFly binds in JNDI: every connection comes from its connection manager (the pool). */
public final class Pkcs11ConnectionFactory implements HsmConnectionFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final transient Pkcs11ManagedConnectionFactory factory;
    private final transient ConnectionManager manager;
    private Reference reference;

    Pkcs11ConnectionFactory(Pkcs11ManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public HsmConnection getConnection(Pkcs11TokenRequest request) throws ResourceException {
        return (HsmConnection) manager.allocateConnection(factory, request);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() throws NamingException {
        return reference;
    }
}
