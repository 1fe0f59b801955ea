package online.hypermesh.trustchain.launcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code backup}: a base backup now. Online when TrustChain runs (the backup talks to its
 * PostgreSQL); otherwise the embedded PostgreSQL is started for the backup alone, under the
 * instance lock so that {@code run} cannot start meanwhile.
 */
final class BackupCommand {
    private final BackupOptions options;

    BackupCommand(BackupOptions options) {
        this.options = options;
    }

    int run() {
        DataDirectory data = new DataDirectory(options.dataDir());
        BackupSettings settings = options.settings().orElseThrow();
        if (!java.nio.file.Files.isRegularFile(data.postgres().resolve("PG_VERSION"))) {
            throw new LauncherException("There is no database in " + data.postgres() + " to back up.", "Check --data-dir.");
        }
        Optional<RunningPostmaster> running = RunningPostmaster.on(data.postgres());
        if (running.isPresent()) {
            try (Connection superuser = running.get().superuser()) {
                BackupJob.run(superuser, data.postgres(), settings, data.root().resolve("backup-staging"));
                return 0;
            } catch (SQLException e) {
                throw new LauncherException("Cannot reach the running PostgreSQL on port " + running.get().port() + ": " + e.getMessage(), null, e);
            }
        }
        try (InstanceLock lock = InstanceLock.acquire(data.lockFile());
             EmbeddedDatabase db = EmbeddedDatabase.start(data.postgres(), 0, WalArchiving.serverConfig(options.settings()));
             Connection superuser = db.superuser()) {
            WalArchiving.configure(superuser, data.postgres(), options.settings(), EmbeddedDatabase.serverUser());
            BackupJob.run(superuser, data.postgres(), settings, data.root().resolve("backup-staging"));
            return 0;
        } catch (SQLException | java.io.IOException e) {
            throw new LauncherException("The backup failed: " + e.getMessage(), null, e);
        }
    }
}
