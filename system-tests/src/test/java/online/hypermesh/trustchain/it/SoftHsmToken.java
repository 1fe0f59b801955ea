package online.hypermesh.trustchain.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A SoftHSM2 token of the test's own, initialized in a directory of its own (its configuration,
 * token store and PIN file there), and the settings that put every TrustChain key in it.
 */
final class SoftHsmToken {
    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    static final String LABEL = "trustchain-it";
    static final String PIN = "it-user-pin-1234";

    private final Path dir;

    private SoftHsmToken(Path dir) {
        this.dir = dir;
    }

    /** The token already initialized in {@code dir} (as seen from another process: the server's own tests). */
    static SoftHsmToken existing(Path dir) {
        return new SoftHsmToken(dir);
    }

    /** Makes {@code dir} afresh and initializes an empty token labelled {@value #LABEL} in it. */
    static SoftHsmToken initialize(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir.resolve("tokens"));
            Files.writeString(dir.resolve("softhsm2.conf"), "directories.tokendir = " + dir.resolve("tokens")
                    + "\nobjectstore.backend = file\nlog.level = ERROR\n");
            Files.writeString(dir.resolve("pin"), PIN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SoftHsmToken token = new SoftHsmToken(dir);
        token.tool("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", "it-so-pin-5678").expectSuccess();
        return token;
    }

    /** The TRUSTCHAIN_* settings (and SoftHSM2's own) of a deployment whose crypto token is this one. */
    Map<String, String> settings() {
        return Map.of(
                "SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString(),
                "TRUSTCHAIN_CRYPTO_TOKEN", "pkcs11",
                "TRUSTCHAIN_PKCS11_LIBRARY", LIBRARY,
                "TRUSTCHAIN_PKCS11_TOKEN_LABEL", LABEL,
                "TRUSTCHAIN_PKCS11_PIN_FILE", dir.resolve("pin").toString());
    }

    /** The HSM becomes unreachable: its token directory is moved away (SoftHSM2 then answers CKR_GENERAL_ERROR). */
    void hide() {
        move(dir.resolve("tokens"), dir.resolve("tokens.away"));
    }

    /** The HSM is back: the token directory where it was. */
    void restore() {
        move(dir.resolve("tokens.away"), dir.resolve("tokens"));
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PIN file of this directory holding {@code pin} (a wrong one, say). */
    Path pinFile(String name, String pin) {
        try {
            return Files.writeString(dir.resolve(name), pin + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a SoftHSM2 or OpenSC command against this token's configuration. */
    Commands.Result tool(String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().put("SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString());
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            String err = new String(p.getErrorStream().readAllBytes());
            return new Commands.Result(p.waitFor(), out, err);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
