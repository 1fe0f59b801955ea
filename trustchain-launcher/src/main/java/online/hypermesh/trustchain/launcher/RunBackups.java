package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code run} does for backups, kept out of {@link RunCommand}: start options for the
 * embedded PostgreSQL, the archive script once it runs, and the base backup schedule once
 * TrustChain is ready. Nothing when TRUSTCHAIN_BACKUP_TARGET is unset (archiving is then off).
 */
final class RunBackups implements AutoCloseable {
    private final Optional<BackupSettings> settings;
    private final Path staging;
    private EmbeddedDatabase database;
    private BackupSchedule schedule;

    RunBackups(Map<String, String> env, DataDirectory data) {
        this.settings = BackupSettings.from(env, Path.of(""));
        this.staging = data.root().resolve("backup-staging");
    }

    Map<String, String> serverConfig() {
        return WalArchiving.serverConfig(settings);
    }

    /** Points archive_command at the target (or clears it), right after PostgreSQL started. */
    void databaseStarted(EmbeddedDatabase db) {
        this.database = db;
        try (Connection superuser = db.superuser()) {
            WalArchiving.configure(superuser, db.clusterDirectory(), settings, EmbeddedDatabase.serverUser());
        } catch (IOException | SQLException e) {
            throw new LauncherException("Cannot set up WAL archiving to " + settings.map(s -> s.target().describe()).orElse("-")
                    + ": " + e.getMessage(), "Check TRUSTCHAIN_BACKUP_TARGET.", e);
        }
        Console.info(settings.map(s -> "Backups: WAL archived to " + s.target().describe() + " at least every "
                + s.archiveTimeout().toSeconds() + " s, base backups every " + s.interval().toHours() + " h")
                .orElse("Backups: off (set TRUSTCHAIN_BACKUP_TARGET to a directory or s3://bucket/prefix)"));
    }

    void ready() {
        if (database != null && settings.isPresent()) {
            schedule = BackupSchedule.start(database, settings.get(), staging);
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.close();
        }
    }
}
