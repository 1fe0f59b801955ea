package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The WildFly child JVM: started with its output in a file, stopped gracefully with a deadline. */
final class WildFlyProcess {
    private final Process process;
    private final Path pidFile;

    private WildFlyProcess(Process process, Path pidFile) {
        this.process = process;
        this.pidFile = pidFile;
    }

    static WildFlyProcess start(List<String> command, Map<String, String> envAdditions, Path workDir,
                                Path consoleLog, Path pidFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(envAdditions);
        try {
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new WildFlyProcess(process, pidFile);
        } catch (IOException e) {
            throw new LauncherException("Cannot start WildFly: " + e.getMessage(), "Check " + command.get(0) + ".", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** Blocks until WildFly exits; returns its exit code. */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * SIGTERM makes WildFly run its shutdown hook: undeploy, close the datasource, stop. Only a
     * server that hangs past {@code grace} is killed.
     */
    void stop(Duration grace) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    Console.info("WildFly did not stop within " + grace.toSeconds() + " s; killing it");
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // a stale pid file is checked against the command line before use
            }
        }
    }
}
