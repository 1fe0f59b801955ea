package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only permissions on POSIX file systems; a no-op elsewhere (e.g. Windows ACLs). */
final class FilePermissions {
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ALL = PosixFilePermissions.fromString("rwx------");

    private FilePermissions() {
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** For Files.createFile: the file is never readable by others, not even for a moment. */
    static FileAttribute<?>[] ownerReadWriteOnCreate() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }

    static void ownerOnlyDirectory(Path dir) {
        set(dir, OWNER_ALL);
    }

    static void set(Path path, Set<PosixFilePermission> permissions) {
        if (!posix()) {
            return;
        }
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
