package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** A PostgreSQL running on a cluster directory, found through its postmaster.pid. */
record RunningPostmaster(long pid, int port) {

    static Optional<RunningPostmaster> on(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> new RunningPostmaster(pid, port));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The superuser over loopback (the embedded cluster trusts local connections). */
    Connection superuser() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }
}
