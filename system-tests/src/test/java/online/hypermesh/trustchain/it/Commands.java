package online.hypermesh.trustchain.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real command-line tools (openssl, curl) the black-box tests use. A missing tool is
 * an error, never a skip: CI installs them in .ci/run.
 */
final class Commands {
    private Commands() {
    }

    record Result(int exit, String out, String err) {
        Result expectSuccess() {
            if (exit != 0) {
                throw new AssertionError("command failed (exit " + exit + "): " + err + out);
            }
            return this;
        }
    }

    /** curl against TrustChain, trusting only the root in {@code dataDir}. */
    static Result curl(Path workDir, Path dataDir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--cacert", dataDir.resolve("root.pem").toString()));
        command.addAll(List.of(args));
        return run(workDir, command);
    }

    /** The initial administrator token the server wrote into its data directory. */
    static String adminToken(Path dataDir) {
        try {
            return java.nio.file.Files.readString(dataDir.resolve("admin-token")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PEM CERTIFICATE blocks of a text, in order. */
    static List<String> pemBlocks(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----\\n?",
                java.util.regex.Pattern.DOTALL).matcher(text);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static Result run(Path workDir, String... command) {
        return run(workDir, List.of(command));
    }

    static Result run(Path workDir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("command timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (is it installed? .ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A long-running client we did not write (lego, certbot) with extra environment; its output
     * goes through files, so a chatty stderr cannot block it, and it may take up to three minutes.
     */
    static Result runWithEnvironment(Path workDir, List<String> command, java.util.Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment);
        try {
            java.nio.file.Path out = workDir.resolve(java.nio.file.Path.of(command.get(0)).getFileName() + ".out");
            java.nio.file.Path err = workDir.resolve(java.nio.file.Path.of(command.get(0)).getFileName() + ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command.get(0) + " timed out: " + command);
            }
            return new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8), java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (is it installed? .ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
