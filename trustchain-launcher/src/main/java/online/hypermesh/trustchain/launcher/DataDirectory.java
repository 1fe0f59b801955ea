package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of the data directory, the one place that survives restarts. The launcher owns
 * postgres/, wildfly/ and the generated secrets; the application writes root.pem,
 * admin-token and tls/https.p12 during its first-start bootstrap.
 */
public record DataDirectory(Path root) {

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** Creates the directories the launcher writes to (not the cluster: PostgreSQL's initdb does that). */
    public DataDirectory prepare() {
        try {
            Files.createDirectories(root);
            Files.createDirectories(wildflyBase().resolve("log"));
            Files.createDirectories(wildflyBase().resolve("deployments"));
            if (!Files.isDirectory(tlsDir())) {
                Files.createDirectories(tlsDir());
                // Holds the keystore and its password: only the owner may list it.
                FilePermissions.ownerOnlyDirectory(tlsDir());
            }
            return this;
        } catch (IOException e) {
            throw new LauncherException("Cannot create the data directory " + root + ": " + IoErrors.describe(e),
                    "Choose a writable place with --data-dir DIR or TRUSTCHAIN_DATA_DIR.", e);
        } catch (UncheckedIOException e) {
            throw new LauncherException("Cannot set permissions in " + root + ": " + e.getCause().getMessage(), null, e);
        }
    }

    /** The embedded PostgreSQL cluster. */
    public Path postgres() {
        return root.resolve("postgres");
    }

    /** PostgreSQL's console output (it sits next to the cluster: initdb needs an empty directory). */
    public Path postgresLog() {
        return root.resolve("postgres.log");
    }

    /** WildFly's jboss.server.base.dir. */
    public Path wildflyBase() {
        return root.resolve("wildfly");
    }

    public Path serverLog() {
        return wildflyBase().resolve("log").resolve("server.log");
    }

    /** WildFly's stdout/stderr, kept out of the user's terminal. */
    public Path consoleLog() {
        return wildflyBase().resolve("log").resolve("console.log");
    }

    public Path operatorSecret() {
        return root.resolve("operator-secret");
    }

    public Path tlsDir() {
        return root.resolve("tls");
    }

    public Path keystorePassword() {
        return tlsDir().resolve("keystore-password");
    }

    /** Written by the application. */
    public Path rootPem() {
        return root.resolve("root.pem");
    }

    /** Written by the application; holds a secret, so only its path is ever printed. */
    public Path adminToken() {
        return root.resolve("admin-token");
    }

    /** Lets a new start find a WildFly left running by a launcher that was killed. */
    public Path wildflyPidFile() {
        return wildflyBase().resolve("wildfly.pid");
    }

    public Path lockFile() {
        return root.resolve(".launcher.lock");
    }
}
