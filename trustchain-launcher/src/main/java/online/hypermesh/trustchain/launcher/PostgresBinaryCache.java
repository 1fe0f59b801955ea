package online.hypermesh.trustchain.launcher;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Unpacks zonky's real PostgreSQL archive into {@code <tmp>/trustchain-pg/<hash>}, readable by
 * every user (the unprivileged user runs these binaries). Used only by the setpriv fallback.
 */
final class PostgresBinaryCache {
    private static final String COMPLETE_MARKER = ".complete";

    private PostgresBinaryCache() {
    }

    static Path unpack(PgBinaryResolver resolver, String system, String machineHardware) throws IOException {
        byte[] archive;
        try (InputStream in = resolver.getPgBinary(system, machineHardware)) {
            if (in == null) {
                throw new IOException("no PostgreSQL binaries for " + system + " / " + machineHardware);
            }
            archive = in.readAllBytes();
        }
        Path parent = Path.of(System.getProperty("java.io.tmpdir"), "trustchain-pg");
        Files.createDirectories(parent);
        requireOwnedByMe(parent);
        Path target = parent.resolve("PG-" + sha256(archive).substring(0, 20));
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        // Unpack beside the target and rename, so a crash or a concurrent launcher never sees half a tree.
        Path staging = parent.resolve("staging-" + UUID.randomUUID());
        extract(archive, staging);
        Files.createFile(staging.resolve(COMPLETE_MARKER));
        FileTrees.delete(target); // an earlier incomplete attempt
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            FileTrees.delete(staging);
        }
        return target;
    }

    /** Root runs these binaries' wrapper; refuse a cache another user could have planted in /tmp. */
    private static void requireOwnedByMe(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "owner", ".probe");
        try {
            Object me = Files.getAttribute(probe, "unix:uid");
            if (!me.equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                throw new IOException(dir + " belongs to another user; remove it");
            }
        } finally {
            Files.delete(probe);
        }
    }

    private static void extract(byte[] archive, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = dir.resolve(entry.getName()).normalize();
                if (!path.startsWith(dir)) {
                    throw new IOException("archive entry escapes the target: " + entry.getName());
                }
                Files.createDirectories(path.getParent());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    continue;
                } else if (entry.isLink()) {
                    Files.createLink(path, dir.resolve(entry.getLinkName()).normalize());
                    continue;
                } else {
                    Files.copy(tar, path);
                }
                // World-readable (and executable where the archive says so), whatever the umask.
                int mode = (entry.getMode() & 0755) | 0444 | (entry.isDirectory() ? 0111 : 0);
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(rwx(mode)));
            }
        }
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            s.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return s.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
