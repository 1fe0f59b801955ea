package online.hypermesh.trustchain.witness.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import online.hypermesh.trustchain.witness.AddCheckpointRequest;
import online.hypermesh.trustchain.witness.Cosigner;
import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.MalformedNoteException;
import online.hypermesh.trustchain.witness.Witness;
import online.hypermesh.trustchain.witness.WitnessHttpServer;
import online.hypermesh.trustchain.witness.WitnessStore;

/**
 * A witness on a loopback port, in this JVM: the real {@link Witness} behind the real HTTP server,
 * or a lying one that cosigns whatever it is sent. It can be stopped and started again on the
 * same port with the same state.
 */
final class LocalWitness implements AutoCloseable {
    final Cosigner cosigner;
    private final Path state;
    private final LogKey log;
    private final boolean lying;
    private int port;
    private WitnessHttpServer honest;
    private HttpServer liar;

    LocalWitness(String name, Path state, LogKey log, boolean lying) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.cosigner = new Cosigner(name, pair.getPrivate(), pair.getPublic());
        this.state = state;
        this.log = log;
        this.lying = lying;
        start();
    }

    void start() throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        if (lying) {
            liar = HttpServer.create(address, 16);
            liar.createContext("/add-checkpoint", ex -> {
                try (ex) {
                    byte[] out;
                    int status = 200;
                    try {
                        AddCheckpointRequest req = AddCheckpointRequest.parse(ex.getRequestBody().readAllBytes());
                        out = cosigner.cosign(req.checkpoint().text(), System.currentTimeMillis() / 1000).line()
                                .getBytes(StandardCharsets.UTF_8);
                    } catch (MalformedNoteException e) {
                        status = 400;
                        out = e.getMessage().getBytes(StandardCharsets.UTF_8);
                    }
                    ex.sendResponseHeaders(status, out.length);
                    try (OutputStream os = ex.getResponseBody()) {
                        os.write(out);
                    }
                }
            });
            liar.start();
            port = liar.getAddress().getPort();
        } else {
            Witness w = new Witness(cosigner, List.of(log), new WitnessStore(state), Clock.systemUTC());
            honest = new WitnessHttpServer(w, address);
            honest.start();
            port = honest.port();
        }
    }

    void stop() {
        if (honest != null) {
            honest.close();
            honest = null;
        }
        if (liar != null) {
            liar.stop(0);
            liar = null;
        }
    }

    WitnessEndpoint endpoint() {
        return new WitnessEndpoint(cosigner.name(), cosigner.publicKey(), URI.create("http://127.0.0.1:" + port + "/"));
    }

    @Override
    public void close() {
        stop();
    }
}
