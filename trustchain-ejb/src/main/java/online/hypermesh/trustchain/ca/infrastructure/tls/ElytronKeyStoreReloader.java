package online.hypermesh.trustchain.ca.infrastructure.tls;

import java.io.IOException;
import java.net.InetAddress;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Makes the running HTTPS listener serve a new certificate without a restart: re-reads the
 * Elytron key store from disk, then re-initialises the key manager, so new TLS handshakes use
 * the new key while open connections continue. Uses the local management interface with the
 * JBOSS-LOCAL-USER mechanism (no password: the server trusts processes that can read its tmp dir).
 */
public final class ElytronKeyStoreReloader {
    public static final String KEY_STORE = "trustchain-https-ks";
    public static final String KEY_MANAGER = "trustchain-https-km";

    private final String host;
    private final int port;

    public ElytronKeyStoreReloader(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public void reload() throws IOException {
        try (ModelControllerClient client = ModelControllerClient.Factory.create(InetAddress.getByName(host), port)) {
            execute(client, Operations.createOperation("load", Operations.createAddress("subsystem", "elytron", "key-store", KEY_STORE)));
            execute(client, Operations.createOperation("init", Operations.createAddress("subsystem", "elytron", "key-manager", KEY_MANAGER)));
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
