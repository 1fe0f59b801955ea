package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * {@code restore}: point-in-time recovery of the embedded PostgreSQL. Steps:
 * <ol>
 * <li>refuse while TrustChain (or its PostgreSQL) runs on this data directory;</li>
 * <li>pick the base backup: the one named, or the newest in the target that finished before
 * the target time (WAL replay can only move forward from a backup);</li>
 * <li>move an existing cluster aside ({@code postgres.replaced-<time>}): nothing is deleted;</li>
 * <li>unpack the base backup after checking its SHA-256, and ask for recovery
 * (recovery.signal, restore_command, recovery_target_time, promote at the target);</li>
 * <li>start PostgreSQL, which replays the archived WAL and promotes itself to a new timeline,
 * and wait until it accepts writes; clear the recovery settings; stop it.</li>
 * </ol>
 * Then {@code ./trustchain run} starts TrustChain on the restored data as usual.
 */
final class RestoreCommand {
    private static final DateTimeFormatter PG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
            .withZone(ZoneOffset.UTC);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(30);

    private final BackupOptions options;

    RestoreCommand(BackupOptions options) {
        this.options = options;
    }

    int run() {
        long t0 = System.nanoTime();
        DataDirectory data = new DataDirectory(options.dataDir()).prepare();
        if (RunningPostmaster.on(data.postgres()).isPresent()) {
            throw new LauncherException("PostgreSQL is running on " + data.postgres() + ".", "Stop TrustChain (Ctrl-C) before restoring.");
        }
        try (InstanceLock lock = InstanceLock.acquire(data.lockFile())) {
            Source source = source();
            Console.info("Restoring base backup " + source.name() + " from " + source.target().describe()
                    + options.to().map(t -> ", recovering to " + t).orElse(", recovering to the end of the archived WAL"));
            Path staging = data.root().resolve("restore-staging");
            FileTrees.delete(staging);
            source.target().fetchBase(source.name(), staging);
            BaseBackup.Manifest manifest = BaseBackup.Manifest.read(staging.resolve(BaseBackup.MANIFEST));
            moveAside(data.postgres());
            unpack(staging.resolve(BaseBackup.ARCHIVE), manifest, data.postgres());
            FileTrees.delete(staging);
            requestRecovery(data.postgres(), source.target());
            recover(data, source.target());
            Console.info("Restored " + data.postgres() + " in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms.");
            if (!Files.exists(data.operatorSecret()) && !WildFlyEnvironment.operatorSuppliesSecret(System.getenv())) {
                Console.error("There is no operator secret at " + data.operatorSecret() + ": the CA keys in this backup are "
                        + "encrypted with it. Put it back there (or set TRUSTCHAIN_OPERATOR_SECRET_FILE) before ./trustchain run.");
            }
            Console.info("Start TrustChain with ./trustchain run --data-dir " + data.root());
            return 0;
        } catch (IOException e) {
            throw new LauncherException("The restore failed: " + IoErrors.describe(e), null, e);
        }
    }

    private record Source(BackupTarget target, String name) {
    }

    /** A base backup directory (…/base/NAME), or a target whose newest suitable backup is taken. */
    private Source source() throws IOException {
        String given = options.backup().orElseThrow();
        Path asPath = Path.of(given).toAbsolutePath().normalize();
        if (!given.startsWith("s3://") && Files.isRegularFile(asPath.resolve(BaseBackup.MANIFEST))) {
            Path base = asPath.getParent();
            if (base == null || base.getParent() == null || !base.getFileName().toString().equals("base")) {
                throw new LauncherException(asPath + " is not inside a backup target (…/base/NAME).", null);
            }
            BackupTarget target = new DirectoryTarget(base.getParent());
            return new Source(target, asPath.getFileName().toString());
        }
        BackupTarget target = BackupTarget.parse(given, Path.of(""), System.getenv());
        List<String> names = target.baseNames();
        String chosen = null;
        for (String name : names) {
            // Names are start times; a backup usable for time T must also have finished before T.
            Instant started = BaseBackup.NAMES.parse(name, Instant::from);
            if (options.to().isEmpty() || started.isBefore(options.to().get())) {
                chosen = name;
            }
        }
        if (chosen == null) {
            throw new LauncherException("No base backup in " + target.describe()
                    + options.to().map(t -> " from before " + t).orElse("") + " (found " + names.size() + ").",
                    "Point-in-time recovery starts from a base backup taken before the target time.");
        }
        return new Source(target, chosen);
    }

    private static void moveAside(Path cluster) throws IOException {
        if (!Files.exists(cluster)) {
            return;
        }
        try (var entries = Files.list(cluster)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(cluster);
                return;
            }
        }
        Path aside = cluster.resolveSibling("postgres.replaced-" + BaseBackup.NAMES.format(Instant.now()));
        Files.move(cluster, aside);
        Console.info("Moved the existing database aside to " + aside + " (delete it once the restore is verified)");
    }

    private static void unpack(Path archive, BaseBackup.Manifest manifest, Path cluster) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.createDirectories(cluster);
        FilePermissions.ownerOnlyDirectory(cluster);
        try (InputStream file = Files.newInputStream(archive);
             DigestInputStream digest = new DigestInputStream(file, sha256);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(digest))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = cluster.resolve(entry.getName()).normalize();
                if (!path.startsWith(cluster)) {
                    throw new IOException("archive entry escapes the cluster: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    FilePermissions.ownerOnlyDirectory(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                }
            }
            digest.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(manifest.sha256())) {
            throw new LauncherException("The base backup " + manifest.name() + " is damaged: SHA-256 " + actual
                    + " instead of " + manifest.sha256() + ".", "Restore from another base backup.");
        }
        Files.createDirectories(cluster.resolve("pg_wal").resolve("archive_status"));
    }

    /** recovery.signal plus the recovery settings, appended to postgresql.auto.conf (removed again after promotion). */
    private void requestRecovery(Path cluster, BackupTarget target) throws IOException {
        Path script = WalArchiving.writeScript(cluster.resolve(WalArchiving.RESTORE_SCRIPT), target.restoreScript());
        StringBuilder conf = new StringBuilder("\n# Recovery requested by ./trustchain restore\n");
        conf.append("restore_command = ").append(WalArchiving.literal("/bin/sh " + Shell.quote(script.toString()) + " \"%f\" \"%p\"")).append('\n');
        options.to().ifPresent(t -> conf.append("recovery_target_time = ").append(WalArchiving.literal(PG_TIME.format(t))).append('\n'));
        conf.append("recovery_target_action = 'promote'\n");
        Files.writeString(cluster.resolve("postgresql.auto.conf"), conf.toString(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.writeString(cluster.resolve("recovery.signal"), "");
    }

    private void recover(DataDirectory data, BackupTarget target) {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data.postgres(), 0, WalArchiving.serverConfig(options.settings()))) {
            long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
            try (Connection superuser = db.superuser(); Statement s = superuser.createStatement()) {
                while (inRecovery(s)) {
                    if (System.nanoTime() > deadline) {
                        throw new LauncherException("Recovery did not finish within " + RECOVERY_TIMEOUT.toMinutes() + " minutes.",
                                "See " + db.logFile() + ".");
                    }
                    Thread.sleep(200);
                }
                for (String setting : List.of("restore_command", "recovery_target_time", "recovery_target_action")) {
                    s.execute("ALTER SYSTEM RESET " + setting);
                }
                WalArchiving.configure(superuser, data.postgres(), options.settings(), EmbeddedDatabase.serverUser());
                try (ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_current_wal_lsn())")) {
                    rs.next();
                    Console.info("Recovery finished; the database continues on timeline "
                            + Long.parseLong(rs.getString(1).substring(0, 8), 16) + " (WAL file " + rs.getString(1) + ")");
                }
            }
        } catch (SQLException e) {
            throw new LauncherException("Recovery failed: " + e.getMessage() + (options.to().isPresent()
                    ? " (is --to after the last archived WAL, or before the base backup finished?)" : ""),
                    "See " + data.postgresLog() + ".", e);
        } catch (IOException e) {
            throw new LauncherException("Recovery failed: " + IoErrors.describe(e), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted during recovery", null, e);
        }
    }

    private static boolean inRecovery(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
