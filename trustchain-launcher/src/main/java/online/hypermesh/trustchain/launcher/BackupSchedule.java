package online.hypermesh.trustchain.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Base backups while {@code run} runs: one right after the start when the target has none yet
 * (archived WAL is only useful on top of a base backup), then every interval. A failed backup
 * is reported and retried at the next interval; it never stops TrustChain.
 */
final class BackupSchedule implements AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trustchain-backup");
        t.setDaemon(true);
        return t;
    });

    static BackupSchedule start(EmbeddedDatabase database, BackupSettings settings, Path staging) {
        BackupSchedule schedule = new BackupSchedule();
        long interval = settings.interval().toSeconds();
        boolean none;
        try {
            none = settings.target().baseNames().isEmpty();
        } catch (java.io.IOException | RuntimeException e) {
            none = true;
        }
        Runnable job = () -> {
            try (Connection superuser = database.superuser()) {
                BackupJob.run(superuser, database.clusterDirectory(), settings, staging);
            } catch (Exception e) {
                Console.error("Scheduled base backup failed: " + e.getMessage());
            }
        };
        if (none) {
            schedule.executor.execute(job);
        }
        if (interval > 0) {
            schedule.executor.scheduleWithFixedDelay(job, interval, interval, TimeUnit.SECONDS);
        }
        return schedule;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
