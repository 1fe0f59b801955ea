package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LauncherOptionsTest {
    private static final RepositoryLayout REPO = new RepositoryLayout(Path.of("/repo"));
    private static final Path WORK = Path.of("/work/dir");

    private static LauncherOptions parse(Map<String, String> env, String... args) {
        return LauncherOptions.parse(args, env, REPO, WORK);
    }

    @Test
    void defaultsComeFromTheRepositoryAndWorkingDirectory() {
        LauncherOptions o = parse(Map.of());
        assertEquals(Path.of("/work/dir/data"), o.dataDir());
        assertEquals(Path.of("/repo/wildfly-config/target/wildfly-39.0.1.Final"), o.wildflyHome());
        assertEquals(Path.of("/repo/trustchain-ear/target/trustchain.ear"), o.ear());
        assertEquals(Duration.ofSeconds(180), o.readyTimeout());
        assertEquals(0, o.databasePort());
        assertEquals(0, o.portOffset());
        assertTrue(o.externalDatabase().isEmpty());
    }

    @Test
    void commandLineWinsOverEnvironment() {
        Map<String, String> env = Map.of("TRUSTCHAIN_DATA_DIR", "/env/data", "TRUSTCHAIN_READY_TIMEOUT", "30");
        assertEquals(Path.of("/env/data"), parse(env).dataDir());
        assertEquals(Duration.ofSeconds(30), parse(env).readyTimeout());
        LauncherOptions o = parse(env, "--data-dir", "/cli/data", "--timeout=5");
        assertEquals(Path.of("/cli/data"), o.dataDir());
        assertEquals(Duration.ofSeconds(5), o.readyTimeout());
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
        assertEquals(Path.of("/work/dir/x/y"), parse(Map.of(), "--data-dir=x/./y").dataDir());
        assertEquals(Path.of("/work/dir/my.ear"), parse(Map.of("TRUSTCHAIN_EAR", "my.ear")).ear());
        assertEquals(Path.of("/opt/wf"), parse(Map.of("TRUSTCHAIN_WILDFLY_HOME", "/opt/wf")).wildflyHome());
    }

    @Test
    void externalDatabaseWhenUrlIsSet() {
        LauncherOptions o = parse(Map.of("TRUSTCHAIN_DB_URL", "jdbc:postgresql://db/tc", "TRUSTCHAIN_DB_USER", "u",
                "TRUSTCHAIN_DB_PASSWORD", "p"));
        DatabaseSettings db = o.externalDatabase().orElseThrow();
        assertEquals("jdbc:postgresql://db/tc", db.url());
        assertEquals("u", db.user());
        assertEquals("p", db.password());
        assertTrue(parse(Map.of("TRUSTCHAIN_DB_URL", " ")).externalDatabase().isEmpty());
    }

    @Test
    void portsAndOffsets() {
        LauncherOptions o = parse(Map.of("TRUSTCHAIN_DB_PORT", "15432"), "--port-offset", "100");
        assertEquals(15432, o.databasePort());
        assertEquals(100, o.portOffset());
        assertEquals(8543, new Endpoints(o.portOffset()).httpsPort());
        assertEquals("https://[::1]:8543/health", new Endpoints(100).health().toString());
        assertEquals("https://[::1]:8443/api/v1/", new Endpoints(0).apiBase().toString());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThrows(UsageException.class, () -> parse(Map.of(), "--data-dir"));
        assertThrows(UsageException.class, () -> parse(Map.of(), "--data-dir="));
        assertThrows(UsageException.class, () -> parse(Map.of(), "--bogus"));
        assertThrows(UsageException.class, () -> parse(Map.of(), "--timeout", "0"));
        assertThrows(UsageException.class, () -> parse(Map.of(), "--timeout", "soon"));
        assertThrows(UsageException.class, () -> parse(Map.of(), "--db-port", "70000"));
        assertThrows(UsageException.class, () -> parse(Map.of("TRUSTCHAIN_PORT_OFFSET", "60000")));
    }

    @Test
    void repositoryIsTwoLevelsAboveTheJar() {
        RepositoryLayout repo = RepositoryLayout.fromLauncherLocation(
                Path.of("/src/tc/trustchain-launcher/target/trustchain-launcher.jar"));
        assertEquals(Path.of("/src/tc"), repo.root());
        assertFalse(repo.defaultDataDir().toString().contains("target"));
    }
}
