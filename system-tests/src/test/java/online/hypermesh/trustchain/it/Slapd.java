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
 * ldapmodify, ldapsearch) as an operator would. A child process, stopped with the test. With
 * {@link #withStartTls} it has a certificate from a CA that openssl makes for the test, offers
 * StartTLS and answers nothing else without TLS ({@code security tls=1}); ldap-utils then use
 * {@code -ZZ} with that CA.
 */
final class Slapd implements AutoCloseable {
    static final String SUFFIX = "dc=example,dc=org";
    static final String ADMIN = "cn=admin," + SUFFIX;
    static final String PASSWORD = "directory-test-secret";

    private final Path dir;
    private final int port;
    private final Path conf;
    private final Path caFile;
    private Process process;

    Slapd(Path dir) throws IOException, InterruptedException {
        this(dir, false);
    }

    /** A slapd that requires StartTLS; {@link #caFile} is the CA its certificate chains to. */
    static Slapd withStartTls(Path dir) throws IOException, InterruptedException {
        return new Slapd(dir, true);
    }

    private Slapd(Path dir, boolean tls) throws IOException, InterruptedException {
        this.dir = dir;
        this.caFile = tls ? certificates(dir) : null;
        Files.createDirectories(dir.resolve("db"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        conf = dir.resolve("slapd.conf");
        List<String> lines = new java.util.ArrayList<>(List.of("include /etc/ldap/schema/core.schema", "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema", "pidfile " + dir.resolve("slapd.pid"), "argsfile " + dir.resolve("slapd.args"),
                "modulepath /usr/lib/ldap", "moduleload back_mdb"));
        if (tls) {
            // Global directives, so before the database.
            lines.addAll(List.of("TLSCertificateFile " + dir.resolve("slapd.pem"), "TLSCertificateKeyFile " + dir.resolve("slapd.key"),
                    "security tls=1"));
        }
        lines.addAll(List.of("database mdb", "maxsize 104857600", "suffix \"" + SUFFIX + "\"",
                "rootdn \"" + ADMIN + "\"", "rootpw " + PASSWORD, "directory " + dir.resolve("db"), ""));
        Files.writeString(conf, String.join("\n", lines));
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
        while (ldapUtil(List.of("ldapsearch", "-x", "-H", url(), "-s", "base", "-b", "", "(objectClass=*)", "1.1")).exit() != 0) {
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
        return ldapUtil(List.of(tool, "-x", "-H", url(), "-D", ADMIN, "-w", PASSWORD, "-f", file.toString()));
    }

    /** The CA file a client checks this slapd's certificate with (StartTLS only). */
    Path caFile() {
        if (caFile == null) {
            throw new IllegalStateException("this slapd has no TLS");
        }
        return caFile;
    }

    /** An ldap-utils command; with TLS it must StartTLS ({@code -ZZ}) and trusts the test's CA. */
    private Commands.Result ldapUtil(List<String> command) {
        if (caFile == null) {
            return Commands.run(dir, command);
        }
        List<String> tls = new java.util.ArrayList<>(command);
        tls.add(1, "-ZZ");
        return Commands.runWithEnvironment(dir, tls, java.util.Map.of("LDAPTLS_CACERT", caFile.toString()));
    }

    /**
     * A CA and slapd's certificate for 127.0.0.1 under it, made with openssl in {@code dir}; the
     * CA's file. EC P-256 keys in PKCS#8, which slapd's GnuTLS reads.
     */
    private static Path certificates(Path dir) throws IOException {
        Files.createDirectories(dir);
        Commands.run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-days", "2", "-subj", "/CN=directory test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign").expectSuccess();
        Commands.run(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "slapd.key",
                "-out", "slapd.csr", "-subj", "/CN=127.0.0.1").expectSuccess();
        Files.writeString(dir.resolve("slapd.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Commands.run(dir, "openssl", "x509", "-req", "-in", "slapd.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "slapd.ext", "-out", "slapd.pem").expectSuccess();
        return dir.resolve("ca.pem");
    }

    String ldapsearch(String base, String filter, String... attributes) {
        List<String> command = new java.util.ArrayList<>(List.of("ldapsearch", "-x", "-LLL", "-o", "ldif-wrap=no", "-H", url(), "-D", ADMIN,
                "-w", PASSWORD, "-b", base, filter));
        command.addAll(List.of(attributes));
        return ldapUtil(command).out();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
