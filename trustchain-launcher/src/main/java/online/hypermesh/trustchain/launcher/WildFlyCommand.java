package online.hypermesh.trustchain.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line that starts WildFly, equivalent to what bin/standalone.sh builds but without
 * the shell in between: the launcher then holds the server JVM itself, and stopping it is a
 * plain SIGTERM that WildFly turns into a graceful shutdown. Pure, so it is unit-tested.
 */
final class WildFlyCommand {
    static final String DEFAULT_HEAP = "-Xmx2g";

    /** What standalone.sh / common.sh add for a modular JDK (WildFly 39). */
    private static final List<String> MODULAR_JDK_OPTIONS = List.of(
            "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldaps=ALL-UNNAMED",
            "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.security=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.management/javax.management=ALL-UNNAMED",
            "--add-opens=java.naming/javax.naming=ALL-UNNAMED");

    private WildFlyCommand() {
    }

    /**
     * @param setsid optional setsid program: puts WildFly in its own session so a terminal's
     *               Ctrl-C reaches only the launcher, which then stops WildFly before PostgreSQL
     */
    static List<String> build(Path java, Path home, Path base, Path dataDir, int portOffset, Path setsid,
                              Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        if (setsid != null) {
            cmd.add(setsid.toString());
        }
        cmd.add(java.toString());
        cmd.add("-D[Standalone]"); // lets tools such as jps and WildFly's scripts recognise the server
        cmd.add("-Xms64m");
        cmd.add(DEFAULT_HEAP);
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Djboss.modules.system.pkgs=org.jboss.byteman");
        cmd.add("-Djdk.serialFilter=maxbytes=10485760;maxdepth=128;maxarray=100000;maxrefs=300000");
        // The API listens on [::1]; must be set when the JVM starts, before any address lookup.
        cmd.add("-Djava.net.preferIPv6Addresses=true");
        cmd.addAll(MODULAR_JDK_OPTIONS);
        // Later options win, so a user's -Xmx here overrides the default above.
        String extra = LauncherSetting.WILDFLY_JAVA_OPTS.in(env, "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(Arrays.asList(extra.split("\\s+")));
        }
        cmd.add("-Dorg.jboss.boot.log.file=" + base.resolve("log").resolve("server.log"));
        cmd.add("-Dlogging.configuration=file:" + base.resolve("configuration").resolve("logging.properties"));
        cmd.add("-jar");
        cmd.add(home.resolve("jboss-modules.jar").toString());
        cmd.add("-mp");
        cmd.add(home.resolve("modules").toString());
        cmd.add("org.jboss.as.standalone");
        cmd.add("-Djboss.home.dir=" + home);
        cmd.add("-Djboss.server.base.dir=" + base);
        cmd.add("-Dtrustchain.data.dir=" + dataDir);
        if (portOffset != 0) {
            cmd.add("-Djboss.socket.binding.port-offset=" + portOffset);
        }
        return cmd;
    }
}
