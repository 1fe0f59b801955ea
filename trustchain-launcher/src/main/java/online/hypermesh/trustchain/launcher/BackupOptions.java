package online.hypermesh.trustchain.launcher;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of {@code backup [--data-dir DIR] [--target T]} and
 * {@code restore <backup> [--to TIME] [--data-dir DIR] [--target T]}. Pure, so it is unit-tested.
 *
 * @param backup  restore only: a base backup directory, or a target (directory or s3:// URL)
 *                whose newest suitable base backup is used
 * @param to      restore only: recover to this moment (RFC 3339), else to the end of the archived WAL
 */
record BackupOptions(Path dataDir, Optional<BackupSettings> settings, Optional<String> backup, Optional<Instant> to) {

    static final String USAGE = String.join("\n",
            "Usage: ./trustchain backup [--data-dir DIR] [--target DIR|s3://BUCKET/PREFIX]",
            "       ./trustchain restore BACKUP [--to TIME] [--data-dir DIR] [--target DIR|s3://BUCKET/PREFIX]",
            "",
            "backup   takes a base backup of the embedded PostgreSQL now (online if TrustChain runs) into the",
            "         target (env TRUSTCHAIN_BACKUP_TARGET); the WAL is archived there continuously by ./trustchain run.",
            "restore  rebuilds DIR/postgres from BACKUP (a base backup directory, or a target: its newest base",
            "         backup from before TIME) and replays the archived WAL up to TIME (RFC 3339, e.g.",
            "         2026-12-01T23:00:00Z), or to the end. TrustChain must be stopped; an existing DIR/postgres is",
            "         moved aside, never deleted. Keep the operator secret apart: the backup is useless without it.");

    static BackupOptions parse(String command, String[] args, Map<String, String> env, Path workDir) {
        Map<String, String> values = new HashMap<>();
        String positional = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!name.startsWith("--")) {
                if (!command.equals("restore") || positional != null) {
                    throw new UsageException("unexpected argument: " + arg);
                }
                positional = arg;
                continue;
            }
            if (!name.equals("--data-dir") && !name.equals("--target") && !(name.equals("--to") && command.equals("restore"))) {
                throw new UsageException("unknown option for " + command + ": " + arg);
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : null);
            if (value == null || value.isBlank()) {
                throw new UsageException(name + " needs a value");
            }
            values.put(name, value);
        }
        if (command.equals("restore") && positional == null) {
            throw new UsageException("restore needs the backup to restore from (a base backup directory or a backup target)");
        }
        Map<String, String> settingsEnv = new HashMap<>(env);
        if (values.containsKey("--target")) {
            settingsEnv.put(LauncherSetting.BACKUP_TARGET.env(), values.get("--target"));
        }
        Optional<BackupSettings> settings = BackupSettings.from(settingsEnv, workDir);
        if (command.equals("backup") && settings.isEmpty()) {
            throw new UsageException("backup needs a target: --target DIR|s3://BUCKET/PREFIX or TRUSTCHAIN_BACKUP_TARGET");
        }
        String dataDir = values.getOrDefault("--data-dir", LauncherSetting.DATA_DIR.in(env));
        return new BackupOptions(workDir.resolve(dataDir == null || dataDir.isBlank() ? "data" : dataDir).toAbsolutePath().normalize(),
                settings, Optional.ofNullable(positional), Optional.ofNullable(values.get("--to")).map(BackupOptions::instant));
    }

    private static Instant instant(String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--to must be an RFC 3339 time such as 2026-12-01T23:00:00Z: " + value);
        }
    }
}
