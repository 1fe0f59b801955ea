package online.hypermesh.trustchain.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Backups of the embedded PostgreSQL: continuous WAL archiving plus base backups, to a
 * {@link BackupTarget}. Off unless {@code TRUSTCHAIN_BACKUP_TARGET} names a directory or an
 * {@code s3://bucket/prefix}: a backup on the data directory's own disk would not survive it.
 *
 * @param target         where base backups and archived WAL go
 * @param interval       a base backup this often while {@code run} runs (0: only on demand or
 *                       from a scheduler such as the Kubernetes CronJob)
 * @param archiveTimeout PostgreSQL's archive_timeout: a WAL segment with any change is archived
 *                       at least this often, so at most this much committed work is lost (RPO)
 * @param keep           base backups kept; older ones, and WAL only they needed, are deleted
 */
record BackupSettings(BackupTarget target, Duration interval, Duration archiveTimeout, int keep) {
    static final Duration DEFAULT_INTERVAL = Duration.ofHours(6);
    /** One minute: well inside the 5-minute RPO, and cheap (an idle switched segment gzips to a few KB). */
    static final Duration DEFAULT_ARCHIVE_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_KEEP = 8;

    /** Empty when backups are off. */
    static Optional<BackupSettings> from(Map<String, String> env, Path workDir) {
        String target = blankToNull(LauncherSetting.BACKUP_TARGET.in(env));
        if (target == null) {
            return Optional.empty();
        }
        long hours = number(env, LauncherSetting.BACKUP_INTERVAL_HOURS, DEFAULT_INTERVAL.toHours(), 0, 24 * 7);
        long seconds = number(env, LauncherSetting.BACKUP_ARCHIVE_TIMEOUT_SECONDS, DEFAULT_ARCHIVE_TIMEOUT.toSeconds(), 1, 300);
        long keep = number(env, LauncherSetting.BACKUP_KEEP, DEFAULT_KEEP, 1, 1000);
        return Optional.of(new BackupSettings(BackupTarget.parse(target, workDir, env), Duration.ofHours(hours),
                Duration.ofSeconds(seconds), (int) keep));
    }

    private static long number(Map<String, String> env, LauncherSetting setting, long fallback, long min, long max) {
        String name = setting.env();
        String value = blankToNull(setting.in(env));
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ": " + value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
