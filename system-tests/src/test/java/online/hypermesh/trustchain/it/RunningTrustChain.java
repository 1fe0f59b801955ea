package online.hypermesh.trustchain.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * TrustChain started the way README.md does it: {@code java -jar trustchain-launcher.jar run},
 * with no database configured (so the embedded PostgreSQL in the data directory is used), on
 * ports shifted by an offset so it does not collide with a developer's own instance.
 */
final class RunningTrustChain implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private RunningTrustChain(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "trustchain-launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** An empty directory {@code <trustchain.it.work>/<name>} for one test class (a previous run's is deleted). */
    static Path freshWorkDirectory(String name) throws IOException {
        Path work = Path.of(System.getProperty("trustchain.it.work", "target/it")).toAbsolutePath().resolve(name);
        if (java.nio.file.Files.exists(work)) {
            try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(work)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
        return java.nio.file.Files.createDirectories(work);
    }

    static RunningTrustChain start(Path dataDir, int portOffset) throws Exception {
        return start(dataDir, portOffset, Map.of());
    }

    /**
     * As above with extra {@code TRUSTCHAIN_*} variables; a {@code TRUSTCHAIN_DB_URL} among them
     * points the node at a shared database instead of its embedded one.
     */
    static RunningTrustChain start(Path dataDir, int portOffset, Map<String, String> settings) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", System.getProperty("trustchain.launcher.jar"), "run",
                "--data-dir", dataDir.toString(), "--port-offset", Integer.toString(portOffset), "--timeout", "300")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // The README's default: no external database.
        env.remove("TRUSTCHAIN_DB_URL");
        env.remove("TRUSTCHAIN_DB_USER");
        env.remove("TRUSTCHAIN_DB_PASSWORD");
        env.putAll(settings);
        RunningTrustChain running = new RunningTrustChain(pb.start());
        if (!running.ready.await(360, TimeUnit.SECONDS) || !running.process.isAlive()) {
            running.process.destroyForcibly();
            throw new AssertionError("TrustChain did not become ready:\n" + running.output());
        }
        return running;
    }

    /** What a start that had to fail left: the launcher's exit code and everything it printed. */
    record Failed(int exitCode, String output) {
    }

    /**
     * Starts with settings that must stop the start, and waits (up to 360 s) for the launcher to
     * give up; an instance that becomes ready instead is stopped and fails the test.
     */
    static Failed startExpectingFailure(Path dataDir, int portOffset, Map<String, String> settings) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", System.getProperty("trustchain.launcher.jar"), "run",
                "--data-dir", dataDir.toString(), "--port-offset", Integer.toString(portOffset), "--timeout", "300")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("TRUSTCHAIN_DB_URL");
        env.remove("TRUSTCHAIN_DB_USER");
        env.remove("TRUSTCHAIN_DB_PASSWORD");
        env.putAll(settings);
        try (RunningTrustChain running = new RunningTrustChain(pb.start())) {
            if (!running.process.waitFor(360, TimeUnit.SECONDS)) {
                throw new AssertionError("the launcher did not give up:\n" + running.output());
            }
            running.stopped.await(5, TimeUnit.SECONDS);
            if (running.output().contains("TrustChain is ready")) {
                throw new AssertionError("TrustChain started although it should not have:\n" + running.output());
            }
            return new Failed(running.process.exitValue(), running.output());
        }
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.contains("TrustChain is ready")) {
                    ready.countDown();
                }
                if (line.contains("TrustChain stopped")) {
                    stopped.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ready.countDown();
        }
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Waits for the launcher to exit by itself (as when WildFly died under it). */
    boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    /** Stops as Ctrl-C would (SIGTERM to the launcher), and reports whether it stopped cleanly. */
    boolean stop() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output, and the
        // launcher's shutdown lines would be lost.
        process.toHandle().destroy();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        return exited && stopped.await(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
