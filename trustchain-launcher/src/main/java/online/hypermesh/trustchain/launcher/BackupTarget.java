package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where backups live. Layout, the same for every kind: {@code base/<name>/base.tar.gz} and
 * {@code base/<name>/manifest.properties} per base backup ({@code <name>} is its UTC start time,
 * so names sort by age), and {@code wal/<segment>.gz} for every archived WAL file.
 */
sealed interface BackupTarget permits DirectoryTarget, S3Target {

    /** {@code env} supplies {@code TRUSTCHAIN_BACKUP_S3_ENDPOINT} for an s3:// target. */
    static BackupTarget parse(String value, Path workDir, Map<String, String> env) {
        if (value.startsWith("s3://")) {
            return S3Target.parse(value, LauncherSetting.BACKUP_S3_ENDPOINT.in(env));
        }
        if (value.contains("://")) {
            throw new UsageException("TRUSTCHAIN_BACKUP_TARGET must be a directory or s3://bucket/prefix: " + value);
        }
        return new DirectoryTarget(workDir.resolve(value).toAbsolutePath().normalize());
    }

    /** For messages. */
    String describe();

    /** Makes the WAL area writable by {@code owner} (the user PostgreSQL runs as), or null for the current user. */
    void prepare(UnixUser owner) throws IOException;

    /**
     * The body of the shell script PostgreSQL's archive_command runs as {@code script <path> <name>}:
     * it stores the file compressed, durably, and never overwrites a different file of that name.
     */
    String archiveScript();

    /** The body of the script restore_command runs as {@code script <name> <path>}: non-zero when absent. */
    String restoreScript();

    /** Stores a finished base backup (a local directory with base.tar.gz and manifest.properties). */
    void storeBase(String name, Path localDirectory) throws IOException;

    /** Names of the stored base backups, oldest first. */
    List<String> baseNames() throws IOException;

    /** Copies a stored base backup into an empty local directory. */
    void fetchBase(String name, Path localDirectory) throws IOException;

    /**
     * Keeps the newest {@code keep} base backups and the WAL they need; deletes older ones and
     * WAL segments from before the oldest kept backup's start (timeline history files stay).
     */
    void prune(int keep) throws IOException;
}
