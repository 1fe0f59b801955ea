package online.hypermesh.trustchain.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, from the deploy module's directory (where Maven runs its tests). */
final class Repository {
    private Repository() {
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("trustchain")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the TrustChain repository: " + here);
    }

    static Path deploy(String relative) {
        return root().resolve("deploy").resolve(relative);
    }
}
