package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Prepares WildFly's server base directory inside the data directory. The configuration is
 * copied from the server home on every start, so a rebuilt server config takes effect; data/,
 * log/ and deployments/ persist; tmp/ is cleared because a crash can leave it inconsistent.
 */
final class WildFlyBase {
    static final String EAR_NAME = "trustchain.ear";

    private WildFlyBase() {
    }

    static void verifyHome(Path home) {
        if (!Files.isRegularFile(home.resolve("jboss-modules.jar"))
                || !Files.isRegularFile(home.resolve("standalone/configuration/standalone.xml"))) {
            throw new LauncherException("No WildFly server at " + home + ".",
                    "Build it first: ./mvnw -B install -DskipTests (or point TRUSTCHAIN_WILDFLY_HOME at a WildFly).");
        }
    }

    static void verifyEar(Path ear) {
        if (!Files.isRegularFile(ear)) {
            throw new LauncherException("The application archive " + ear + " does not exist.",
                    "Build it first: ./mvnw -B install -DskipTests (or set TRUSTCHAIN_EAR).");
        }
    }

    static void prepare(Path home, Path base, Path ear) {
        try {
            Path configuration = base.resolve("configuration");
            FileTrees.delete(configuration);
            FileTrees.copy(home.resolve("standalone/configuration"), configuration);
            FileTrees.delete(base.resolve("tmp"));
            Files.createDirectories(base.resolve("tmp"));
            Files.createDirectories(base.resolve("data"));
            Files.createDirectories(base.resolve("log"));
            deploy(ear, base.resolve("deployments"));
        } catch (IOException e) {
            throw new LauncherException("Cannot prepare the WildFly directory " + base + ": " + IoErrors.describe(e), null, e);
        }
    }

    /**
     * Replaces the EAR and its deployment-scanner markers (.deployed, .failed, ...): a stale
     * .failed marker would otherwise stop the new archive from being deployed. The .dodeploy
     * marker deploys it even where automatic deployment of archives is switched off.
     */
    private static void deploy(Path ear, Path deployments) throws IOException {
        Files.createDirectories(deployments);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(deployments, EAR_NAME + "*")) {
            for (Path p : old) {
                FileTrees.delete(p);
            }
        }
        Files.copy(ear, deployments.resolve(EAR_NAME), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(deployments.resolve(EAR_NAME + ".dodeploy"), EAR_NAME);
    }
}
