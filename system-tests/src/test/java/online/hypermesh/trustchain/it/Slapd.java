package online.hypermesh.trustchain.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenLDAP server (slapd) for a black-box test: its own configuration, data directory and
 * port on 127.0.0.1, suffix dc=example,dc=org; changed and read with ldap-utils (ldapadd,
 * ldapmodify, ldapsearch) as an operator would. A child process, stopped with the test.
 */
final class Slapd implements AutoCloseable {
    static final String SUFFIX = "dc=example,dc=org";
    static final String ADMIN = "cn=admin," + SUFFIX;
    static final String PASSWORD = "directory-test-secret";

    private final Path dir;
    private final int port;
    private final Path conf;
    private Process process;

    Slapd(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("db"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        conf = dir.resolve("slapd.conf");
        Files.writeString(conf, String.join("\n", "include /etc/ldap/schema/core.schema", "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema", "pidfile " + dir.resolve("slapd.pid"), "argsfile " + dir.resolve("slapd.args"),
                "modulepath /usr/lib/ldap", "moduleload back_mdb", "database mdb", "maxsize 104857600", "suffix \"" + SUFFIX + "\"",
                "rootdn \"" + ADMIN + "\"", "rootpw " + PASSWORD, "directory " + dir.resolve("db"), ""));
        start();
        Commands.Result added = ldif("ldapadd", "dn: " + SUFFIX + "\nobjectClass: top\nobjectClass: domain\ndc: example\n");
        if (added.exit() != 0) {
            throw new IOException("cannot add " + SUFFIX + ": " + added.out() + added.err());
        }
    }

    /** Starts slapd again after {@link #close}, on the same port and data: the directory is back. */
    void restart() throws IOException, InterruptedException {
        start();
    }

    private void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("/usr/sbin/slapd", "-f", conf.toString(), "-h", url() + "/", "-d", "0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("slapd.log").toFile())).start();
        long deadline = System.currentTimeMillis() + 15_000;
        while (Commands.run(dir, List.of("ldapsearch", "-x", "-H", url(), "-s", "base", "-b", "", "(objectClass=*)", "1.1")).exit() != 0) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IOException("slapd did not start: " + Files.readString(dir.resolve("slapd.log")));
            }
            Thread.sleep(100);
        }
    }

    String url() {
        return "ldap://127.0.0.1:" + port;
    }

    /** ldapadd or ldapmodify with this LDIF on its standard input. */
    Commands.Result ldif(String tool, String ldif) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "change", ".ldif");
        Files.writeString(file, ldif);
        return Commands.run(dir, List.of(tool, "-x", "-H", url(), "-D", ADMIN, "-w", PASSWORD, "-f", file.toString()));
    }

    String ldapsearch(String base, String filter, String... attributes) {
        List<String> command = new java.util.ArrayList<>(List.of("ldapsearch", "-x", "-LLL", "-o", "ldif-wrap=no", "-H", url(), "-D", ADMIN,
                "-w", PASSWORD, "-b", base, filter));
        command.addAll(List.of(attributes));
        return Commands.run(dir, command).out();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
