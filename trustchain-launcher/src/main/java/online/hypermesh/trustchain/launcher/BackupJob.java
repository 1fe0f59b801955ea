package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** One base backup: taken into a staging directory, stored at the target, then old ones pruned. */
final class BackupJob {
    private BackupJob() {
    }

    static BaseBackup.Manifest run(Connection superuser, Path cluster, BackupSettings settings, Path staging) {
        long t0 = System.nanoTime();
        try {
            FileTrees.delete(staging);
            Files.createDirectories(staging);
            BaseBackup.Manifest manifest = BaseBackup.take(superuser, cluster, staging);
            settings.target().storeBase(manifest.name(), staging);
            settings.target().prune(settings.keep());
            Console.info("Base backup " + manifest.name() + " stored in " + settings.target().describe() + " ("
                    + manifest.bytes() / 1024 + " KiB, " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms)");
            return manifest;
        } catch (IOException e) {
            throw new LauncherException("The base backup failed: " + IoErrors.describe(e), "Check " + settings.target().describe() + ".", e);
        } catch (SQLException e) {
            throw new LauncherException("The base backup failed: " + e.getMessage(), null, e);
        } finally {
            try {
                FileTrees.delete(staging);
            } catch (IOException e) {
                // staging is rebuilt next time
            }
        }
    }
}
