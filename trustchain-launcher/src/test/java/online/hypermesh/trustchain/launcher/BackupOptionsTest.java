package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BackupOptionsTest {
    private static final Path WORK = Path.of("/srv/tc");

    @Test
    void backup_withoutTarget_isAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> BackupOptions.parse("backup", new String[0], Map.of(), WORK));
        assertTrue(e.getMessage().contains("TRUSTCHAIN_BACKUP_TARGET"), e.getMessage());
    }

    @Test
    void backup_targetFromOptionOverridesEnvironment_andDefaultsApply() {
        BackupOptions o = BackupOptions.parse("backup", new String[] {"--target", "backups", "--data-dir=d"},
                Map.of("TRUSTCHAIN_BACKUP_TARGET", "/elsewhere"), WORK);
        BackupSettings s = o.settings().orElseThrow();
        assertEquals(new DirectoryTarget(Path.of("/srv/tc/backups")), s.target());
        assertEquals(Path.of("/srv/tc/d"), o.dataDir());
        assertEquals(Duration.ofSeconds(60), s.archiveTimeout());
        assertEquals(Duration.ofHours(6), s.interval());
    }

    @Test
    void restore_needsTheBackup_andParsesTheTargetTime() {
        assertThrows(UsageException.class, () -> BackupOptions.parse("restore", new String[] {"--to", "2026-12-01T23:00:00Z"}, Map.of(), WORK));
        BackupOptions o = BackupOptions.parse("restore", new String[] {"/b", "--to", "2026-12-01T23:00:00+01:00"}, Map.of(), WORK);
        assertEquals(Instant.parse("2026-12-01T22:00:00Z"), o.to().orElseThrow());
        assertEquals("/b", o.backup().orElseThrow());
        assertTrue(o.settings().isEmpty());
    }

    @Test
    void restore_refusesATimeThatIsNotRfc3339() {
        UsageException e = assertThrows(UsageException.class,
                () -> BackupOptions.parse("restore", new String[] {"/b", "--to", "yesterday"}, Map.of(), WORK));
        assertTrue(e.getMessage().contains("RFC 3339"), e.getMessage());
    }

    @Test
    void backup_refusesToWithoutRestore_andUnknownOptions() {
        assertThrows(UsageException.class, () -> BackupOptions.parse("backup", new String[] {"--to", "2026-12-01T23:00:00Z"},
                Map.of("TRUSTCHAIN_BACKUP_TARGET", "/b"), WORK));
        assertThrows(UsageException.class, () -> BackupOptions.parse("backup", new String[] {"--force"},
                Map.of("TRUSTCHAIN_BACKUP_TARGET", "/b"), WORK));
    }

    @Test
    void settings_s3TargetsAndBounds() {
        assertEquals(new S3Target("tc-backups", "prod/us-east-1", null),
                BackupTarget.parse("s3://tc-backups/prod/us-east-1/", WORK, Map.of()));
        assertEquals(new S3Target("tc-backups", "", "https://minio.internal:9000"), BackupTarget.parse("s3://tc-backups",
                WORK, Map.of("TRUSTCHAIN_BACKUP_S3_ENDPOINT", "https://minio.internal:9000")));
        assertThrows(UsageException.class, () -> BackupTarget.parse("s3://tc-backups/x", WORK,
                Map.of("TRUSTCHAIN_BACKUP_S3_ENDPOINT", "minio.internal:9000")));
        assertThrows(UsageException.class, () -> BackupTarget.parse("s3://Bad_Bucket/x", WORK, Map.of()));
        assertThrows(UsageException.class, () -> BackupTarget.parse("ftp://host/x", WORK, Map.of()));
        UsageException e = assertThrows(UsageException.class, () -> BackupSettings.from(
                Map.of("TRUSTCHAIN_BACKUP_TARGET", "/b", "TRUSTCHAIN_BACKUP_ARCHIVE_TIMEOUT_SECONDS", "600"), WORK));
        assertTrue(e.getMessage().contains("TRUSTCHAIN_BACKUP_ARCHIVE_TIMEOUT_SECONDS"), e.getMessage());
    }

    @Test
    void walArchiving_isOnExactlyWhenATargetIsSet() {
        assertEquals("off", WalArchiving.serverConfig(java.util.Optional.empty()).get("archive_mode"));
        Map<String, String> on = WalArchiving.serverConfig(BackupSettings.from(Map.of("TRUSTCHAIN_BACKUP_TARGET", "/b"), WORK));
        assertEquals("on", on.get("archive_mode"));
        assertEquals("60", on.get("archive_timeout"));
        on.values().forEach(v -> assertTrue(!v.contains(" "), "start options pass through a shell: " + v));
    }
}
