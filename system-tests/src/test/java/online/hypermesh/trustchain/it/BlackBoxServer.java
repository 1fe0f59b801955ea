package online.hypermesh.trustchain.it;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One TrustChain per black-box test class, started the README way in a fresh work directory
 * before the class and stopped after it. Register with
 * {@code @RegisterExtension static final BlackBoxServer TC = new BlackBoxServer("name", offset)}.
 */
final class BlackBoxServer implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private final int portOffset;
    private final Path work;
    private final Path data;
    private RunningTrustChain server;

    BlackBoxServer(String name, int portOffset) {
        this.name = name;
        this.portOffset = portOffset;
        this.work = Path.of(System.getProperty("trustchain.it.work", "target/it")).toAbsolutePath().resolve(name);
        this.data = work.resolve("data");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RunningTrustChain.freshWorkDirectory(name);
        server = RunningTrustChain.start(data, portOffset);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Where the test keeps its files (keys, CSRs, downloads). */
    Path work() {
        return work;
    }

    /** The server's data directory. */
    Path data() {
        return data;
    }

    RunningTrustChain server() {
        return server;
    }

    /** Starts the server again on the same data (after {@code server().stop()}). */
    void startAgain() throws Exception {
        server = RunningTrustChain.start(data, portOffset);
    }

    String token() {
        return Commands.adminToken(data);
    }

    Commands.Result curl(String... args) {
        return Commands.curl(work, data, args);
    }
}
