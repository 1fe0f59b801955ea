package online.hypermesh.trustchain.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where the build outputs live, found from the launcher's own location: the jar sits in
 * {@code <repo>/trustchain-launcher/target/}, so the repository root is two levels up. This
 * way {@code java -jar} works from any working directory.
 */
public record RepositoryLayout(Path root) {
    /** Must match ${version.wildfly} in the parent POM. */
    public static final String WILDFLY_DIR_NAME = "wildfly-39.0.1.Final";

    /** @param launcherLocation the launcher jar, or target/classes when run from an IDE or test */
    public static RepositoryLayout fromLauncherLocation(Path launcherLocation) {
        Path target = launcherLocation.toAbsolutePath().normalize().getParent();
        if (target == null || target.getParent() == null || target.getParent().getParent() == null) {
            throw new IllegalArgumentException("launcher is not inside <repo>/trustchain-launcher/target: " + launcherLocation);
        }
        return new RepositoryLayout(target.getParent().getParent());
    }

    /** The repository of the running launcher. */
    public static RepositoryLayout current() {
        try {
            Path location = Path.of(RepositoryLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return fromLauncherLocation(location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher jar", e);
        }
    }

    public Path wildflyHome() {
        return root.resolve("wildfly-config").resolve("target").resolve(WILDFLY_DIR_NAME);
    }

    public Path ear() {
        return root.resolve("trustchain-ear").resolve("target").resolve("trustchain.ear");
    }

    public Path defaultDataDir() {
        return root.resolve("data");
    }
}
