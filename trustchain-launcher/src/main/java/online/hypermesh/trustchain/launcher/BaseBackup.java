package online.hypermesh.trustchain.launcher;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A base backup of a running PostgreSQL through its low-level API (PostgreSQL 14's
 * {@code pg_start_backup}/{@code pg_stop_backup}, non-exclusive, in one session), because the
 * embedded PostgreSQL bundle ships only initdb, pg_ctl and postgres, not pg_basebackup. The
 * data directory is copied into a gzipped tar while the session holds the backup open; files
 * that change meanwhile are repaired by replaying the WAL from the start location, which is why
 * {@code pg_stop_backup} waits until that WAL is archived. The backup_label it returns goes into
 * the tar, so a restore starts recovery from the right place.
 */
final class BaseBackup {
    static final String ARCHIVE = "base.tar.gz";
    static final String MANIFEST = "manifest.properties";
    static final DateTimeFormatter NAMES = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Contents PostgreSQL recreates or must not get back (its documentation's list for base backups). */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map",
            "recovery.signal", "standby.signal", "epg-lock", "backup_label.old");

    private BaseBackup() {
    }

    /** What a base backup needs for its restore, stored beside it as manifest.properties. */
    record Manifest(String name, Instant started, Instant finished, String startWalFile, String stopLsn, int serverVersion,
                    String sha256, long bytes) {

        void write(Path file) throws IOException {
            Properties p = new Properties();
            p.setProperty("name", name);
            p.setProperty("started", started.toString());
            p.setProperty("finished", finished.toString());
            p.setProperty("start_wal_file", startWalFile);
            p.setProperty("stop_lsn", stopLsn);
            p.setProperty("server_version_num", Integer.toString(serverVersion));
            p.setProperty("sha256", sha256);
            p.setProperty("bytes", Long.toString(bytes));
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "TrustChain base backup; restore with ./trustchain restore");
            }
        }

        static Manifest read(Path file) throws IOException {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            return new Manifest(p.getProperty("name"), Instant.parse(p.getProperty("started")), Instant.parse(p.getProperty("finished")),
                    p.getProperty("start_wal_file"), p.getProperty("stop_lsn"), Integer.parseInt(p.getProperty("server_version_num")),
                    p.getProperty("sha256"), Long.parseLong(p.getProperty("bytes")));
        }
    }

    /**
     * Takes a base backup of the cluster at {@code cluster} into the empty directory {@code out}.
     *
     * @param superuser a connection to that cluster with the right to run the backup functions
     */
    static Manifest take(Connection superuser, Path cluster, Path out) throws IOException, SQLException {
        Instant started = Instant.now();
        String name = NAMES.format(started);
        Files.createDirectories(out);
        try (Statement s = superuser.createStatement()) {
            int version = intValue(s, "SHOW server_version_num");
            requireArchiving(s);
            boolean modern = version >= 150000;
            s.execute(modern ? "SELECT pg_backup_start('trustchain " + name + "', true)"
                    : "SELECT pg_start_backup('trustchain " + name + "', true, false)");
            String label;
            String spaces;
            String stopLsn;
            MessageDigest sha256 = sha256();
            Path archive = out.resolve(ARCHIVE);
            try (OutputStream file = Files.newOutputStream(archive);
                 DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha256);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(digest))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                copyTree(cluster, tar);
                // pg_stop_backup waits until the WAL the backup needs is archived; bounded, in case archiving is stuck.
                s.execute("SET statement_timeout = '15min'");
                try (ResultSet rs = s.executeQuery(modern ? "SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(true)"
                        : "SELECT lsn, labelfile, spcmapfile FROM pg_stop_backup(false, true)")) {
                    rs.next();
                    stopLsn = rs.getString(1);
                    label = rs.getString(2);
                    spaces = rs.getString(3);
                }
                s.execute("RESET statement_timeout");
                addFile(tar, "backup_label", label.getBytes(StandardCharsets.UTF_8));
                if (spaces != null && !spaces.isEmpty()) {
                    addFile(tar, "tablespace_map", spaces.getBytes(StandardCharsets.UTF_8));
                }
                tar.finish();
            }
            Fsync.file(archive);
            Manifest manifest = new Manifest(name, started, Instant.now(), startWalFile(label), stopLsn, version,
                    HexFormat.of().formatHex(sha256.digest()), Files.size(archive));
            manifest.write(out.resolve(MANIFEST));
            Fsync.file(out.resolve(MANIFEST));
            return manifest;
        }
    }

    private static void requireArchiving(Statement s) throws SQLException {
        String mode = stringValue(s, "SHOW archive_mode");
        String command = stringValue(s, "SHOW archive_command");
        if (!"on".equals(mode) && !"always".equals(mode) || command.isBlank() || command.equals("(disabled)")) {
            throw new LauncherException("WAL archiving is off on this PostgreSQL, so a base backup could never be restored.",
                    "Set TRUSTCHAIN_BACKUP_TARGET and restart TrustChain (./trustchain run) so it archives its WAL.");
        }
    }

    /** "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)". */
    static String startWalFile(String label) {
        for (String line : label.split("\n")) {
            int at = line.indexOf("(file ");
            if (line.startsWith("START WAL LOCATION:") && at > 0) {
                return line.substring(at + 6, line.indexOf(')', at));
            }
        }
        throw new IllegalStateException("backup_label without a start WAL file: " + label);
    }

    private static void copyTree(Path cluster, TarArchiveOutputStream tar) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(cluster)) {
            paths = walk.sorted().toList();
        }
        for (Path path : paths) {
            Path relative = cluster.relativize(path);
            if (relative.toString().isEmpty() || skipped(relative)) {
                continue;
            }
            String name = relative.toString().replace('\\', '/');
            try {
                if (Files.isDirectory(path)) {
                    TarArchiveEntry dir = new TarArchiveEntry(name + "/");
                    dir.setMode(040700);
                    tar.putArchiveEntry(dir);
                    tar.closeArchiveEntry();
                } else if (Files.isRegularFile(path)) {
                    addFileFrom(tar, name, path);
                }
            } catch (NoSuchFileException e) {
                // dropped while we copied: the WAL replay drops it as well
            }
        }
    }

    private static boolean skipped(Path relative) {
        String first = relative.getName(0).toString();
        if (relative.getNameCount() == 1) {
            return SKIPPED.contains(first) || first.startsWith("pgsql_tmp");
        }
        // Keep the emptied directories themselves (and pg_wal/archive_status), not what is in them.
        if (first.equals("pg_wal") && relative.getNameCount() == 2 && relative.getName(1).toString().equals("archive_status")) {
            return false;
        }
        return EMPTIED.contains(first) || relative.getFileName().toString().startsWith("pgsql_tmp");
    }

    /** Copies as many bytes as the file had when its entry was written; WAL replay repairs the rest. */
    private static void addFileFrom(TarArchiveOutputStream tar, String name, Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(size);
            entry.setMode(0100600);
            entry.setModTime(Files.getLastModifiedTime(path).toMillis());
            tar.putArchiveEntry(entry);
            InputStream in = Channels.newInputStream(channel);
            byte[] buffer = new byte[1 << 16];
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                tar.write(buffer, 0, n);
                left -= n;
            }
            // A file that shrank meanwhile: pad with zeros to the announced size.
            while (left > 0) {
                int n = (int) Math.min(buffer.length, left);
                java.util.Arrays.fill(buffer, 0, n, (byte) 0);
                tar.write(buffer, 0, n);
                left -= n;
            }
            tar.closeArchiveEntry();
        }
    }

    private static void addFile(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100600);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static int intValue(Statement s, String sql) throws SQLException {
        return Integer.parseInt(stringValue(s, sql));
    }

    private static String stringValue(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
