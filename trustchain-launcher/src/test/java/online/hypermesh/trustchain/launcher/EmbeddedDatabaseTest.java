package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Really starts PostgreSQL twice on one directory; must pass as root (CI, containers) and as a normal user. */
class EmbeddedDatabaseTest {
    /*
     * Under target/ rather than a JUnit temp dir: as root without user namespaces, PostgreSQL
     * runs as 'nobody', which cannot enter the private (0700) temp directories JUnit creates.
     */
    private final Path cluster = Path.of("target", "embedded-database-test-" + UUID.randomUUID(), "postgres")
            .toAbsolutePath();

    @AfterEach
    void deleteCluster() throws Exception {
        FileTrees.delete(cluster.getParent());
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(cluster)) {
            assertTrue(db.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:"));
            assertTrue(db.jdbcUrl().endsWith("/" + EmbeddedDatabase.DATABASE_NAME));
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE marker (v text)");
                s.execute("INSERT INTO marker VALUES ('kept')");
            }
        }
        assertFalse(Files.exists(cluster.resolve("postmaster.pid")), "stopped cleanly");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(cluster)) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM marker")) {
                assertTrue(rs.next());
                assertEquals("kept", rs.getString(1));
            }
        }
    }

    @Test
    void commitsAreDurable() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(cluster);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    assertTrue(rs.next());
                    assertEquals("on", rs.getString(1), setting + " must be on: a crash may lose no issued certificate");
                }
            }
        }
    }

    @Test
    void aKilledPostmaster_isSeenDead_andStartsAgainOnTheSamePort_withItsData() throws Exception {
        EmbeddedDatabase first = EmbeddedDatabase.start(cluster);
        int port = first.port();
        try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE marker (v text)");
            s.execute("INSERT INTO marker VALUES ('committed before the crash')");
        }
        assertTrue(first.isRunning());
        long pid = RunningPostmaster.on(cluster).orElseThrow().pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL, as the OOM killer would
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (first.isRunning()) {
            assertTrue(System.nanoTime() < deadline, "the killed postmaster is still seen running");
            Thread.sleep(50);
        }
        first.releaseAfterCrash(); // waits for the orphaned backends, clears the dead postmaster's lock files

        EmbeddedDatabase second = EmbeddedDatabase.start(cluster, port);
        try (second; Connection c = DriverManager.getConnection(second.jdbcUrl(), second.user(), second.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM marker")) {
            assertEquals(port, second.port());
            assertTrue(second.isRunning());
            assertTrue(rs.next());
            assertEquals("committed before the crash", rs.getString(1));
        }
    }
}
