package online.hypermesh.trustchain.hsm.connector;

import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/**
 * The adapter's lifecycle: outbound only (sessions for signing), nothing to start or stop. The
 * PKCS#11 library is not the adapter's: it lives in a static module and stays initialized across
 * redeploys (C_Finalize while another deployment's sessions exist would kill them).
 */
public class Pkcs11ResourceAdapter implements ResourceAdapter {

    @Override
    public void start(BootstrapContext context) {
    }

    @Override
    public void stop() {
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws NotSupportedException {
        throw new NotSupportedException("the PKCS#11 adapter has no inbound side");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    // Connectors 2.1 section 5.3.1: a resource adapter's equality is that of its configuration (it has none).
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
