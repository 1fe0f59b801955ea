package online.hypermesh.trustchain.sinks.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for the tests: S3Proxy (Maven Central's jar-with-dependencies, copied by the
 * pom) over a local directory, so an object's bytes can be changed behind its back. S3Proxy
 * refuses object-lock headers unless told to ignore unknown headers; it keeps and checks
 * {@code x-amz-checksum-sha256}. Can be stopped and started again on the same port and directory.
 */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = "trustchain-test";
    static final String SECRET_KEY = "trustchain-test-secret";

    private final Path dir;
    private final int port;
    private Process process;

    S3ProxyServer(Path dir) throws IOException {
        this.dir = dir;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        Files.createDirectories(blobs());
        Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                // Object lock is not implemented: accept the headers (and ignore them) instead of refusing the PUT.
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs(),
                ""));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where the objects are: {@code blobs/<bucket>/<key>}. */
    Path blobs() {
        return dir.resolve("blobs");
    }

    S3ProxyServer start() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-jar", System.getProperty("s3proxy.jar"), "--properties", dir.resolve("s3proxy.properties").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return this;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + Files.readString(dir.resolve("s3proxy.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
