package online.hypermesh.trustchain.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's operator scripts and commands (deploy/scripts, ./trustchain) as an operator would. */
final class Scripts {
    private Scripts() {
    }

    static Path repo() {
        return Path.of(System.getProperty("trustchain.repo", "..")).toAbsolutePath().normalize();
    }

    /** Output is stdout and stderr together. */
    record Result(int exit, String output, long millis) {
        Result expectSuccess() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + ":\n" + output);
            }
            return this;
        }
    }

    static Result run(Path dir, Map<String, String> env, int timeoutSeconds, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + cmd + "\n" + new String(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result script(Path dir, String name, String... args) {
        List<String> cmd = new ArrayList<>(List.of(repo().resolve("deploy/scripts").resolve(name).toString()));
        cmd.addAll(List.of(args));
        return run(dir, Map.of(), 300, cmd.toArray(String[]::new));
    }
}
