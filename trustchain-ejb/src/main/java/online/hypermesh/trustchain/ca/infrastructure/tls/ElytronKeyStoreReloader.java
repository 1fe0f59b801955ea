package online.hypermesh.trustchain.ca.infrastructure.tls;

import java.io.IOException;
import java.net.InetAddress;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Makes the running HTTPS listener serve a new certificate, or trust a new set of client CAs,
 * without a restart: re-reads the Elytron key store from disk, then re-initialises the key (or
 * trust) manager, so new TLS handshakes use it while open connections continue. Uses the local management interface with the
 * JBOSS-LOCAL-USER mechanism (no password: the server trusts processes that can read its tmp dir).
 */
public final class ElytronKeyStoreReloader {
    public static final String KEY_STORE = "trustchain-https-ks";
    public static final String KEY_MANAGER = "trustchain-https-km";
    public static final String CLIENT_CA_TRUST_STORE = "trustchain-client-ca-ts";
    public static final String CLIENT_CA_TRUST_MANAGER = "trustchain-client-ca-tm";

    private final String host;
    private final int port;

    public ElytronKeyStoreReloader(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The listener's own key and certificate (tls/https.p12). */
    public void reload() throws IOException {
        reload(KEY_STORE, "key-manager", KEY_MANAGER);
    }

    /** The CAs whose client certificates the listener accepts (tls/client-ca.p12). */
    public void reloadClientTrust() throws IOException {
        reload(CLIENT_CA_TRUST_STORE, "trust-manager", CLIENT_CA_TRUST_MANAGER);
    }

    private void reload(String keyStore, String managerType, String manager) throws IOException {
        try (ModelControllerClient client = ModelControllerClient.Factory.create(InetAddress.getByName(host), port)) {
            execute(client, Operations.createOperation("load", Operations.createAddress("subsystem", "elytron", "key-store", keyStore)));
            execute(client, Operations.createOperation("init", Operations.createAddress("subsystem", "elytron", managerType, manager)));
        }
    }

    private static void execute(ModelControllerClient client, ModelNode operation) throws IOException {
        ModelNode result = client.execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IOException("management operation " + operation.get("operation").asString() + " failed: "
                    + Operations.getFailureDescription(result).asString());
        }
    }
}
