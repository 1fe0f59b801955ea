package online.hypermesh.trustchain.bridge.cmp.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An enterprise CA for a test: an openssl-made CA, a key and CSR, the leaf that CA signed for the
 * CSR, and {@code openssl cmp}'s mock server answering every request with that leaf (it cannot
 * issue for the request it gets, so the test prepares the answer). Files live in {@code dir}.
 */
public final class MockExternalCa implements AutoCloseable {
    public static final String REFERENCE = "trustchain";
    public static final String SECRET = "mock-ca-shared-secret";

    public final Path dir;
    public final int port;
    private Process process;

    public MockExternalCa(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-subj", "/O=Example Enterprise/CN=Enterprise Issuing CA", "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        csr("leaf", "app.example.com");
        Files.writeString(dir.resolve("leaf.ext"), "subjectAltName=DNS:app.example.com\nbasicConstraints=critical,CA:FALSE\n"
                + "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "0x5eed0001", "-days", "1",
                "-extfile", "leaf.ext", "-out", "leaf.crt");
    }

    /** A key and a CSR for {@code name} as {@code <file>.key} and {@code <file>.csr} (DER as {@code <file>.der}). */
    public void csr(String file, String name) throws IOException, InterruptedException {
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", file + ".key", "-out", file + ".csr",
                "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name);
        openssl("req", "-in", file + ".csr", "-outform", "DER", "-out", file + ".der");
    }

    /** Starts the mock server with the shared secret and any extra options (e.g. {@code -pkistatus 2}). */
    public MockExternalCa start(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "cmp", "-port", Integer.toString(port), "-srv_ref", REFERENCE,
                "-srv_secret", "pass:" + SECRET, "-srv_cert", "ca.crt", "-srv_key", "ca.key", "-rsp_cert", "leaf.crt",
                "-rsp_capubs", "ca.crt", "-rsp_extracerts", "ca.crt"));
        command.addAll(List.of(options));
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mock.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("openssl cmp mock server exited: " + Files.readString(dir.resolve("mock.log")));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("openssl cmp mock server does not listen on " + port);
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("mock.log"));
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
