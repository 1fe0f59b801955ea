package online.hypermesh.trustchain.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The external programs these tests drive (promtool, node). A missing one fails the test with
 * what to install: .ci/run installs them, and a check that cannot run must not pass.
 */
final class Tools {
    private Tools() {
    }

    record Result(int exit, String output) {
    }

    static Path require(String program, String install) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not on the PATH; install it (" + install + "), as .ci/run does");
    }

    /** Node with deploy/validate's packages installed (npm ci, as .ci/run does). */
    static Path node() {
        Path node = require("node", "apt-get install nodejs npm");
        if (!Files.isDirectory(Repository.deploy("validate/node_modules/kubernetes-models"))
                || !Files.isDirectory(Repository.deploy("validate/node_modules/@cdktf/hcl2json"))) {
            throw new AssertionError("deploy/validate's npm packages are missing: run npm ci --prefix deploy/validate (as .ci/run does)");
        }
        return node;
    }

    static Path promtool() {
        return require("promtool", "apt-get install prometheus");
    }

    /** Runs a command in {@code dir} with stdout and stderr together; at most two minutes. */
    static Result run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    static Result run(Path dir, String... command) {
        return run(dir, List.of(command));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
