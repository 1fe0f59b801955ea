package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Processes a killed launcher left behind. WildFly runs in its own session and PostgreSQL's
 * pg_ctl daemonizes the postmaster, so both outlive a {@code kill -9} of the launcher. Callers
 * hold the {@link InstanceLock}, so whatever matches here belongs to a dead launcher.
 */
final class LeftoverProcesses {
    private LeftoverProcesses() {
    }

    /** Stops a WildFly recorded in {@code pidFile} if it still runs on {@code baseDir}. */
    static void stopWildFly(Path pidFile, Path baseDir) {
        readPid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(p -> commandLine(p).contains("-Djboss.server.base.dir=" + baseDir))
                .ifPresent(p -> {
                    Console.info("Stopping WildFly left over from a previous run (pid " + p.pid() + ")");
                    terminate(p, Duration.ofSeconds(60));
                });
        deleteQuietly(pidFile);
    }

    /**
     * Deals with postmaster.pid in a cluster: a running postmaster is shut down (SIGTERM is
     * PostgreSQL's "smart" shutdown, clean and crash-safe); a pid file whose process is gone,
     * or whose pid now belongs to another program, is removed so PostgreSQL starts.
     */
    static void clearPostmaster(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> running = readPid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(p -> commandLine(p).contains("postgres"));
        if (running.isPresent()) {
            Console.info("Stopping PostgreSQL left over from a previous run (pid " + running.get().pid() + ")");
            terminate(running.get(), Duration.ofSeconds(30));
        }
        deleteQuietly(pidFile);
    }

    static void terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // nothing more we can do; the start will report the busy resource
            }
        }
    }

    /** First line of a pid file (postmaster.pid has more lines after the pid). */
    static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readString(pidFile, StandardCharsets.US_ASCII).lines().findFirst().orElse("").trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(info::command).orElse("");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // harmless: the file is rewritten on the next start
        }
    }
}
