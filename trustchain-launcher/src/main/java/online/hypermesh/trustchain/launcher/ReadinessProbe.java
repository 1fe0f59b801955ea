package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits until {@code GET /health} answers 200 over TLS validated against the application's root
 * certificate, with hostname verification on. The application writes root.pem and its TLS
 * keystore during its first start, so until then the file is missing or handshakes fail:
 * both just mean "not yet".
 */
final class ReadinessProbe {
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    enum Outcome { READY, TIMED_OUT, SERVER_EXITED, DEPLOYMENT_FAILED }

    private final Path rootPem;
    private final URI health;
    private final Path failedMarker;

    ReadinessProbe(Path rootPem, URI health) {
        this(rootPem, health, null);
    }

    /**
     * @param failedMarker the deployment scanner's {@code <ear>.failed} file: WildFly keeps running
     *                     when the EAR fails to deploy (a bad setting, say), so without it the
     *                     launcher would wait out the whole timeout
     */
    ReadinessProbe(Path rootPem, URI health, Path failedMarker) {
        this.rootPem = rootPem;
        this.health = health;
        this.failedMarker = failedMarker;
    }

    /**
     * @param serverAlive checked between polls, so a crashed server is reported at once
     *                    instead of after the whole timeout
     */
    Outcome await(Duration timeout, BooleanSupplier serverAlive) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!serverAlive.getAsBoolean()) {
                return Outcome.SERVER_EXITED;
            }
            if (healthy()) {
                return Outcome.READY;
            }
            if (failedMarker != null && Files.exists(failedMarker)) {
                return Outcome.DEPLOYMENT_FAILED;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return Outcome.TIMED_OUT;
    }

    boolean healthy() throws InterruptedException {
        if (!Files.isRegularFile(rootPem)) {
            return false;
        }
        try {
            // A new client per poll: root.pem may appear or be replaced between polls.
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(PemTrust.sslContext(rootPem))
                    .connectTimeout(REQUEST_TIMEOUT)
                    .build();
            HttpRequest request = HttpRequest.newBuilder(health).timeout(REQUEST_TIMEOUT).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }
}
