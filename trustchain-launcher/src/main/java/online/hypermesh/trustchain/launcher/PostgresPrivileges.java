package online.hypermesh.trustchain.launcher;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * PostgreSQL's initdb and postgres refuse to run as root. This class decides how the embedded
 * cluster runs when the launcher itself is root (containers, CI, this build machine):
 * <ul>
 * <li>{@link Mode#AS_IS}: not root; zonky runs the binaries as the current user.</li>
 * <li>{@link Mode#USER_NAMESPACE}: root, and zonky 2.x already prefixes every PostgreSQL command
 * with {@code unshare -U}. In that unmapped user namespace the process is uid 65534 without
 * privileges, while files stay owned by root on disk, so PostgreSQL's "owner == me" checks pass.
 * Nothing to do but keep the cluster owned by root.</li>
 * <li>{@link Mode#SETPRIV}: root, but user namespaces are blocked (e.g. Docker's default seccomp
 * profile). Zonky is given wrapper scripts that drop to an unprivileged user with
 * {@code setpriv}; that user ({@code TRUSTCHAIN_DB_RUN_AS}, default {@code nobody}) owns the
 * cluster.</li>
 * </ul>
 */
final class PostgresPrivileges {

    enum Mode { AS_IS, USER_NAMESPACE, SETPRIV }

    private final Mode mode;
    /** Who must own the cluster directory. */
    private final UnixUser owner;
    private final Path setpriv;

    private PostgresPrivileges(Mode mode, UnixUser owner, Path setpriv) {
        this.mode = mode;
        this.owner = owner;
        this.setpriv = setpriv;
    }

    static PostgresPrivileges detect(Map<String, String> env) {
        Optional<UnixUser> current = UnixUser.current();
        if (current.isEmpty()) {
            return new PostgresPrivileges(Mode.AS_IS, null, null); // not a Unix (Windows): nothing to adapt
        }
        if (!current.get().isRoot()) {
            return new PostgresPrivileges(Mode.AS_IS, current.get(), null);
        }
        if (LinuxUtils.isUnshareAvailable()) {
            return new PostgresPrivileges(Mode.USER_NAMESPACE, current.get(), null);
        }
        String name = LauncherSetting.DB_RUN_AS.orDefault(env);
        Path setpriv = Commands.onPath("setpriv").orElseThrow(() -> cannotDropRoot("setpriv (util-linux) is not installed"));
        UnixUser user = UnixUser.named(name).orElseThrow(() -> cannotDropRoot("there is no user '" + name + "'"));
        if (user.isRoot()) {
            throw cannotDropRoot("TRUSTCHAIN_DB_RUN_AS names a root user");
        }
        return new PostgresPrivileges(Mode.SETPRIV, user, setpriv);
    }

    private static LauncherException cannotDropRoot(String why) {
        return new LauncherException(
                "PostgreSQL cannot run as root, user namespaces (unshare -U) are not available, and " + why + ".",
                "Run as a normal user, or set TRUSTCHAIN_DB_RUN_AS to an unprivileged user, "
                        + "or use an external database with TRUSTCHAIN_DB_URL.");
    }

    Mode mode() {
        return mode;
    }

    /** The unprivileged user PostgreSQL runs as in {@link Mode#SETPRIV}; files it must write belong to it. */
    Optional<UnixUser> serverUser() {
        return mode == Mode.SETPRIV ? Optional.of(owner) : Optional.empty();
    }

    /** Replaces zonky's binaries with privilege-dropping wrappers, only in SETPRIV mode. */
    Optional<PgBinaryResolver> binaryResolver() {
        return mode == Mode.SETPRIV ? Optional.of(new SetprivBinaryResolver(setpriv, owner)) : Optional.empty();
    }

    String describe() {
        return switch (mode) {
            case AS_IS -> "as the current user";
            case USER_NAMESPACE -> "in a user namespace (running as root)";
            case SETPRIV -> "as user '" + owner.name() + "' via setpriv (running as root)";
        };
    }

    /**
     * Makes the cluster directory usable by the user PostgreSQL will run as. As root, a cluster
     * left by another mode is chowned back (PostgreSQL insists that it owns its data); as a
     * normal user nothing can be fixed, so the error says what to do.
     */
    void prepareCluster(Path cluster) {
        if (owner == null) {
            return;
        }
        try {
            if (mode == Mode.SETPRIV) {
                Files.createDirectories(cluster);
                requireReachable(cluster);
            }
            if (!Files.exists(cluster)) {
                return; // zonky creates it as the current user: right for AS_IS and USER_NAMESPACE
            }
            int uid = (Integer) Files.getAttribute(cluster, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (uid == owner.uid()) {
                return;
            }
            if (mode == Mode.AS_IS) {
                throw new LauncherException("The database directory " + cluster + " belongs to uid " + uid
                        + ", not to you (" + owner.name() + ").",
                        "Use the user that created it, or another --data-dir.");
            }
            Console.info("Handing " + cluster + " to uid " + owner.uid() + " so PostgreSQL can use it");
            chownTree(cluster, owner);
            FilePermissions.ownerOnlyDirectory(cluster);
        } catch (IOException e) {
            throw new LauncherException("Cannot prepare the database directory " + cluster + ": " + IoErrors.describe(e), null, e);
        }
    }

    /** The unprivileged user needs search permission on every parent directory. */
    private void requireReachable(Path cluster) throws IOException {
        for (Path dir = cluster.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            int uid = (Integer) Files.getAttribute(dir, "unix:uid");
            if (uid != owner.uid() && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new LauncherException("PostgreSQL runs as '" + owner.name() + "', which cannot enter " + dir + ".",
                        "Put the data directory somewhere world-searchable (e.g. --data-dir /var/tmp/trustchain), "
                                + "or run as a normal user.");
            }
        }
    }

    private static void chownTree(Path root, UnixUser user) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(p -> {
                try {
                    Files.setAttribute(p, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
