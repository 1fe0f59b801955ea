package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive and restore scripts PostgreSQL runs, run here with /bin/sh, gzip and sync as it would. */
class DirectoryTargetTest {
    @TempDir
    Path dir;

    private int sh(Path script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void archiveThenRestore_givesTheSegmentBack_andNeverOverwritesADifferentOne() throws Exception {
        DirectoryTarget target = new DirectoryTarget(dir.resolve("backups with space"));
        target.prepare(null);
        Path archive = WalArchiving.writeScript(dir.resolve("archive.sh"), target.archiveScript());
        Path restore = WalArchiving.writeScript(dir.resolve("restore.sh"), target.restoreScript());
        Path segment = dir.resolve("000000010000000000000003");
        byte[] content = new byte[16 * 1024 * 1024];
        content[7] = 42;
        Files.write(segment, content);

        assertEquals(0, sh(archive, segment.toString(), segment.getFileName().toString()));
        assertTrue(Files.size(target.wal().resolve("000000010000000000000003.gz")) < 100_000, "zero-filled WAL compresses");
        assertEquals(0, sh(archive, segment.toString(), segment.getFileName().toString()), "archiving the same file again succeeds");

        Files.write(segment, "other".getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(0, sh(archive, segment.toString(), segment.getFileName().toString()), "a different file is refused");

        Path back = dir.resolve("restored");
        assertEquals(0, sh(restore, "000000010000000000000003", back.toString()));
        assertArrayEquals(content, Files.readAllBytes(back));
        assertEquals(1, sh(restore, "000000010000000000000009", dir.resolve("missing").toString()), "absent files end recovery");
        try (var files = Files.list(target.wal())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")));
        }
    }

    @Test
    void prune_keepsTheNewestBackupsAndTheWalTheyNeed() throws IOException {
        DirectoryTarget target = new DirectoryTarget(dir);
        target.prepare(null);
        base(target, "20261201T000000Z", "000000010000000000000002");
        base(target, "20261201T060000Z", "000000010000000000000008");
        base(target, "20261201T120000Z", "00000002000000000000000C");
        for (String wal : List.of("000000010000000000000002", "000000010000000000000007", "000000010000000000000008",
                "00000002000000000000000C", "00000002.history")) {
            Files.writeString(target.wal().resolve(wal + ".gz"), "x");
        }
        target.prune(2);
        assertEquals(List.of("20261201T060000Z", "20261201T120000Z"), target.baseNames());
        assertFalse(Files.exists(target.wal().resolve("000000010000000000000002.gz")));
        assertFalse(Files.exists(target.wal().resolve("000000010000000000000007.gz")));
        assertTrue(Files.exists(target.wal().resolve("000000010000000000000008.gz")));
        assertTrue(Files.exists(target.wal().resolve("00000002000000000000000C.gz")));
        assertTrue(Files.exists(target.wal().resolve("00000002.history.gz")));
    }

    @Test
    void startWalFile_isReadFromTheBackupLabel() {
        assertEquals("000000010000000000000002", BaseBackup.startWalFile(
                "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)\nCHECKPOINT LOCATION: 0/2000060\n"));
    }

    private static void base(DirectoryTarget target, String name, String startWal) throws IOException {
        Path d = Files.createDirectories(target.base().resolve(name));
        Files.writeString(d.resolve(BaseBackup.ARCHIVE), "tar");
        new BaseBackup.Manifest(name, Instant.EPOCH, Instant.EPOCH, startWal, "0/0", 140000, "00", 3).write(d.resolve(BaseBackup.MANIFEST));
    }
}
