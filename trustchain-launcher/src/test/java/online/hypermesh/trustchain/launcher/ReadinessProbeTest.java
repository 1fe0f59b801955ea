package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe against a real HTTPS server on [::1], with a certificate made by keytool. */
class ReadinessProbeTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path tmp;
    private HttpsServer server;
    private URI health;

    @BeforeEach
    void startServer() throws Exception {
        Path keystore = tmp.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:::1,ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", tmp.resolve("root.pem").toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        health = URI.create("https://[::1]:" + server.getAddress().getPort() + "/health");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void readyWhenTheServerPresentsACertificateFromRootPem() throws Exception {
        ReadinessProbe probe = new ReadinessProbe(tmp.resolve("root.pem"), health);
        assertTrue(probe.healthy());
        assertEquals(ReadinessProbe.Outcome.READY, probe.await(Duration.ofSeconds(5), () -> true));
    }

    @Test
    void notReadyWithoutRootPemOrWithAnotherRoot() throws Exception {
        assertFalse(new ReadinessProbe(tmp.resolve("missing.pem"), health).healthy());

        Path other = tmp.resolve("other.p12");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:::1", "-keystore", other.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", other.toString(), "-storepass", "changeit",
                "-file", tmp.resolve("other.pem").toString());
        assertFalse(new ReadinessProbe(tmp.resolve("other.pem"), health).healthy());
    }

    @Test
    void reportsADeadServerAndTimesOut() throws Exception {
        ReadinessProbe probe = new ReadinessProbe(tmp.resolve("missing.pem"), health);
        assertEquals(ReadinessProbe.Outcome.SERVER_EXITED, probe.await(Duration.ofSeconds(5), () -> false));
        assertEquals(ReadinessProbe.Outcome.TIMED_OUT, probe.await(Duration.ofMillis(300), () -> true));
    }

    @Test
    void reportsAFailedDeploymentAtOnce() throws Exception {
        Path marker = tmp.resolve("trustchain.ear.failed");
        ReadinessProbe probe = new ReadinessProbe(tmp.resolve("missing.pem"), health, marker);
        assertEquals(ReadinessProbe.Outcome.TIMED_OUT, probe.await(Duration.ofMillis(300), () -> true));
        Files.writeString(marker, "{\"WFLYCTL0080: Failed services\" => ...}");
        // Waiting out the timeout would have answered TIMED_OUT.
        assertEquals(ReadinessProbe.Outcome.DEPLOYMENT_FAILED, probe.await(Duration.ofMinutes(10), () -> true));
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
