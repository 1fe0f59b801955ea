package online.hypermesh.trustchain.bridge.ldap;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * Debian's OpenLDAP server for a test: its own configuration, data directory and port on
 * 127.0.0.1, suffix dc=example,dc=org, the RFC 4523 classes from core.schema. Started in the
 * foreground as a child process and stopped with the test. With {@link Tls} it offers StartTLS
 * with the given certificate and requires TLS for every operation (the bind included).
 */
final class Slapd implements AutoCloseable {
    static final String SUFFIX = "dc=example,dc=org";
    static final String ADMIN = "cn=admin," + SUFFIX;
    static final String PASSWORD = "slapd-test-secret";

    /** The server's certificate and key (PEM) and the CA file a client checks it with. */
    record Tls(Path certificate, Path key, Path caFile) {
    }

    private final Path dir;
    private final int port;
    private final Process process;
    private final Tls tls;

    Slapd(Path dir) throws IOException, InterruptedException {
        this(dir, null);
    }

    Slapd(Path dir, Tls tls) throws IOException, InterruptedException {
        this.dir = dir;
        this.tls = tls;
        Files.createDirectories(dir.resolve("db"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("slapd.conf");
        List<String> lines = new java.util.ArrayList<>(List.of(
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "pidfile " + dir.resolve("slapd.pid"),
                "argsfile " + dir.resolve("slapd.args"),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb"));
        if (tls != null) {
            // Global, so before the database: StartTLS offered, and nothing but StartTLS answered without it.
            lines.addAll(List.of("TLSCertificateFile " + tls.certificate(), "TLSCertificateKeyFile " + tls.key(), "security tls=1"));
        }
        lines.addAll(List.of(
                "database mdb",
                "maxsize 104857600",
                "suffix \"" + SUFFIX + "\"",
                "rootdn \"" + ADMIN + "\"",
                "rootpw " + PASSWORD,
                "directory " + dir.resolve("db"),
                ""));
        Files.writeString(conf, String.join("\n", lines));
        process = new ProcessBuilder("/usr/sbin/slapd", "-f", conf.toString(), "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("slapd.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            try (LDAPConnection c = connect()) {
                c.add(new com.unboundid.ldap.sdk.Entry(SUFFIX, new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "domain"),
                        new com.unboundid.ldap.sdk.Attribute("dc", "example")));
                return;
            } catch (LDAPException e) {
                if (!process.isAlive()) {
                    throw new IOException("slapd exited: " + Files.readString(dir.resolve("slapd.log")));
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("slapd did not listen on " + port + ": " + Files.readString(dir.resolve("slapd.log")));
    }

    int port() {
        return port;
    }

    LDAPConnection connect() throws LDAPException {
        if (tls == null) {
            return new LDAPConnection("127.0.0.1", port, ADMIN, PASSWORD);
        }
        LDAPConnection c = new LDAPConnection("127.0.0.1", port);
        try {
            c.processExtendedOperation(new com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest(
                    new com.unboundid.util.ssl.SSLUtil(new com.unboundid.util.ssl.PEMFileTrustManager(tls.caFile().toFile())).createSSLContext()));
            c.bind(ADMIN, PASSWORD);
            return c;
        } catch (LDAPException e) {
            c.close();
            throw e;
        } catch (java.security.GeneralSecurityException e) {
            c.close();
            throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.LOCAL_ERROR, e.getMessage(), e);
        }
    }

    /** ldapsearch (Debian's ldap-utils) as an operator would run it; its LDIF output. */
    String ldapsearch(String base, String filter, String... attributes) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("ldapsearch", "-x", "-LLL", "-o", "ldif-wrap=no", "-H", "ldap://127.0.0.1:" + port,
                "-D", ADMIN, "-w", PASSWORD, "-b", base, filter));
        command.addAll(List.of(attributes));
        if (tls != null) {
            command.add(1, "-ZZ"); // StartTLS, and fail without it
        }
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        if (tls != null) {
            b.environment().put("LDAPTLS_CACERT", tls.caFile().toString());
        }
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 && p.exitValue() != 32) {
            throw new IOException("ldapsearch failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
