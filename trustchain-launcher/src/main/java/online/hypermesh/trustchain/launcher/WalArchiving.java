package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Continuous WAL archiving of the embedded PostgreSQL. archive_mode needs a restart, so it is a
 * start option (on exactly when backups are configured); archive_command names a script the
 * launcher writes into the cluster and is set with ALTER SYSTEM after the start (start options
 * pass through pg_ctl's shell, which would split a command at its spaces). archive_timeout
 * bounds how long committed work can sit in a WAL segment that is not archived yet: the RPO.
 */
final class WalArchiving {
    static final String ARCHIVE_SCRIPT = "trustchain-archive-wal.sh";
    static final String RESTORE_SCRIPT = "trustchain-restore-wal.sh";

    private WalArchiving() {
    }

    /** Start options of the server: archiving on or off, and how often a segment is switched. */
    static Map<String, String> serverConfig(Optional<BackupSettings> backup) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("wal_level", "replica");
        config.put("archive_mode", backup.isPresent() ? "on" : "off");
        backup.ifPresent(b -> {
            config.put("archive_timeout", Long.toString(b.archiveTimeout().toSeconds()));
            // Fresh, zero-filled segments: a segment switched early by archive_timeout then gzips to a few KB.
            config.put("wal_recycle", "off");
        });
        return config;
    }

    /** After the start: the archive script for this target, in the cluster, named by archive_command. */
    static void configure(Connection superuser, Path cluster, Optional<BackupSettings> backup, Optional<UnixUser> serverUser)
            throws IOException, SQLException {
        try (Statement s = superuser.createStatement()) {
            if (backup.isEmpty()) {
                s.execute("ALTER SYSTEM RESET archive_command");
            } else {
                BackupTarget target = backup.get().target();
                target.prepare(serverUser.orElse(null));
                Path script = writeScript(cluster.resolve(ARCHIVE_SCRIPT), target.archiveScript());
                s.execute("ALTER SYSTEM SET archive_command = " + literal("/bin/sh " + Shell.quote(script.toString()) + " \"%p\" \"%f\""));
            }
            s.execute("SELECT pg_reload_conf()");
        }
    }

    static Path writeScript(Path file, String body) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, "#!/bin/sh\n# Written by the TrustChain launcher at every start; edits are lost.\n" + body,
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** An SQL string literal (standard_conforming_strings is on). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
