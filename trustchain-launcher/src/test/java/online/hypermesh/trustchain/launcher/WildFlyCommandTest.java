package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WildFlyCommandTest {
    private static final Path HOME = Path.of("/wf");
    private static final DataDirectory DATA = new DataDirectory(Path.of("/data"));

    @Test
    void launchesJbossModulesDirectlyWithTheServerBaseInTheDataDirectory() {
        List<String> cmd = WildFlyCommand.build(Path.of("/jdk/bin/java"), HOME, DATA.wildflyBase(), DATA.root(), 0,
                Path.of("/usr/bin/setsid"), Map.of());
        assertEquals("/usr/bin/setsid", cmd.get(0));
        assertEquals("/jdk/bin/java", cmd.get(1));
        assertTrue(cmd.contains("-Xmx2g"));
        assertTrue(cmd.contains("-Djava.net.preferIPv6Addresses=true"));
        int jar = cmd.indexOf("-jar");
        assertEquals("/wf/jboss-modules.jar", cmd.get(jar + 1));
        assertTrue(cmd.indexOf("-Djava.net.preferIPv6Addresses=true") < jar, "JVM option, not a server property");
        assertTrue(cmd.containsAll(List.of("-mp", "/wf/modules", "org.jboss.as.standalone",
                "-Djboss.home.dir=/wf", "-Djboss.server.base.dir=/data/wildfly", "-Dtrustchain.data.dir=/data",
                "-Dorg.jboss.boot.log.file=/data/wildfly/log/server.log")));
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("-Djboss.socket.binding.port-offset")));
    }

    @Test
    void extraJavaOptionsComeAfterTheDefaultsAndOffsetIsPassed() {
        List<String> cmd = WildFlyCommand.build(Path.of("java"), HOME, DATA.wildflyBase(), DATA.root(), 100, null,
                Map.of("TRUSTCHAIN_WILDFLY_JAVA_OPTS", " -Xmx4g  -Dx=y "));
        assertEquals("java", cmd.get(0));
        assertTrue(cmd.indexOf("-Xmx4g") > cmd.indexOf("-Xmx2g"));
        assertTrue(cmd.indexOf("-Dx=y") < cmd.indexOf("-jar"));
        assertTrue(cmd.contains("-Djboss.socket.binding.port-offset=100"));
    }

    @Test
    void environmentCarriesDatabaseTlsAndGeneratedOperatorSecret() {
        DatabaseSettings db = new DatabaseSettings("jdbc:postgresql://127.0.0.1:5/trustchain", "trustchain", "pw");
        Map<String, String> env = WildFlyEnvironment.additions(Map.of(), DATA, db, "kspw");
        assertEquals("jdbc:postgresql://127.0.0.1:5/trustchain", env.get("TRUSTCHAIN_DB_URL"));
        assertEquals("trustchain", env.get("TRUSTCHAIN_DB_USER"));
        assertEquals("pw", env.get("TRUSTCHAIN_DB_PASSWORD"));
        assertEquals("kspw", env.get("TRUSTCHAIN_TLS_KEYSTORE_PASSWORD"));
        assertEquals("/data/operator-secret", env.get("TRUSTCHAIN_OPERATOR_SECRET_FILE"));
        assertEquals("/data", env.get("TRUSTCHAIN_DATA_DIR"));
    }

    @Test
    void anOperatorSuppliedSecretIsLeftAlone() {
        DatabaseSettings db = new DatabaseSettings("u", "x", "y");
        assertFalse(WildFlyEnvironment.additions(Map.of("TRUSTCHAIN_OPERATOR_SECRET", "s"), DATA, db, "k")
                .containsKey("TRUSTCHAIN_OPERATOR_SECRET_FILE"));
        assertFalse(WildFlyEnvironment.additions(Map.of("TRUSTCHAIN_OPERATOR_SECRET_FILE", "/f"), DATA, db, "k")
                .containsKey("TRUSTCHAIN_OPERATOR_SECRET_FILE"));
    }
}
