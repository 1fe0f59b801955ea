package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory, typically on another disk or a network file system. Files are written beside
 * their final name, fsynced and renamed, so a crash never leaves half a file under a real name.
 */
record DirectoryTarget(Path root) implements BackupTarget {

    Path wal() {
        return root.resolve("wal");
    }

    Path base() {
        return root.resolve("base");
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void prepare(UnixUser owner) throws IOException {
        Files.createDirectories(wal());
        Files.createDirectories(base());
        if (owner != null) {
            Files.setAttribute(wal(), "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(wal(), "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    @Override
    public String archiveScript() {
        String dir = Shell.quote(wal().toString());
        return String.join("\n",
                "# archive_command: $1 is the WAL file's path, $2 its name.",
                "set -eu",
                "dir=" + dir,
                "target=\"$dir/$2.gz\"",
                "if [ -f \"$target\" ]; then",
                "  # Archived before, but PostgreSQL did not hear of it (a crash): fine if identical, never overwrite.",
                "  gzip -dc \"$target\" | cmp -s - \"$1\" && exit 0",
                "  echo \"$target exists with different content\" >&2; exit 1",
                "fi",
                "gzip -c \"$1\" > \"$target.part\"",
                "sync \"$target.part\"",
                "mv \"$target.part\" \"$target\"",
                "sync \"$dir\"",
                "");
    }

    @Override
    public String restoreScript() {
        String dir = Shell.quote(wal().toString());
        return String.join("\n",
                "# restore_command: $1 is the wanted file's name, $2 where to put it.",
                "set -eu",
                "source=" + dir + "/\"$1.gz\"",
                "[ -f \"$source\" ] || exit 1",
                "gzip -dc \"$source\" > \"$2\"",
                "");
    }

    @Override
    public void storeBase(String name, Path localDirectory) throws IOException {
        Path part = base().resolve(name + ".part");
        FileTrees.delete(part);
        Files.createDirectories(part);
        try (Stream<Path> files = Files.list(localDirectory)) {
            for (Path f : files.toList()) {
                Files.copy(f, part.resolve(f.getFileName()));
                Fsync.file(part.resolve(f.getFileName()));
            }
        }
        Fsync.file(part);
        Files.move(part, base().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Fsync.file(base());
    }

    @Override
    public List<String> baseNames() throws IOException {
        if (!Files.isDirectory(base())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(base())) {
            return dirs.filter(p -> Files.isRegularFile(p.resolve(BaseBackup.MANIFEST)))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void fetchBase(String name, Path localDirectory) throws IOException {
        Path source = base().resolve(name);
        if (!Files.isRegularFile(source.resolve(BaseBackup.MANIFEST))) {
            throw new IOException("no base backup " + name + " in " + base());
        }
        Files.createDirectories(localDirectory);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, localDirectory.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public void prune(int keep) throws IOException {
        List<String> names = baseNames();
        if (names.size() <= keep) {
            return;
        }
        List<String> kept = names.subList(names.size() - keep, names.size());
        for (String old : names.subList(0, names.size() - keep)) {
            FileTrees.delete(base().resolve(old));
        }
        String oldestStart = BaseBackup.Manifest.read(base().resolve(kept.get(0)).resolve(BaseBackup.MANIFEST)).startWalFile();
        try (Stream<Path> files = Files.list(wal())) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.length() == 24 + 3 && n.endsWith(".gz") && WalNames.isSegment(n.substring(0, 24))
                        && WalNames.olderThan(n.substring(0, 24), oldestStart)) {
                    Files.delete(f);
                }
            }
        }
    }
}
