package online.hypermesh.trustchain.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import online.hypermesh.trustchain.launcher.EmbeddedDatabase;

/**
 * Prepares what the Arquillian-managed WildFly needs before any test starts it: a PostgreSQL
 * (TRUSTCHAIN_DB_URL if set, as in CI where it is the machine's server; otherwise an embedded
 * one under target/), published as the system properties arquillian.xml reads, and a fresh
 * server base directory copied from the configured WildFly.
 *
 * <p>With {@code -Dtrustchain.it.crypto.token=pkcs11} (the {@code pkcs11-token} execution of
 * system-tests) the server keeps the CA keys in a SoftHSM2 token instead: the token is initialized
 * afresh where the execution's {@code SOFTHSM2_CONF} points (the WildFly inherits that variable),
 * and the server gets a fresh database, data directory and base directory of its own
 * ({@code arquillian-pkcs11/}), since those of the software run hold software keys. The database is
 * {@code <name>_pkcs11} beside TRUSTCHAIN_DB_URL's, made afresh, or an embedded one.
 */
public class DatabaseForTests implements LauncherSessionListener {
    private EmbeddedDatabase embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Path work = Path.of(System.getProperty("trustchain.it.work", "target/it")).toAbsolutePath();
        boolean pkcs11 = "pkcs11".equals(System.getProperty("trustchain.it.crypto.token", "software"));
        Path postgres = work.resolve("arquillian-postgres");
        Path base = work.resolve("arquillian-base");
        Path data = work.resolve("arquillian-data");
        String tokenArguments = "-Dtrustchain.crypto.token=software";
        if (pkcs11) {
            Path own = work.resolve("arquillian-pkcs11");
            deleteTree(own);
            postgres = own.resolve("postgres");
            base = own.resolve("base");
            data = own.resolve("data");
            String conf = System.getenv("SOFTHSM2_CONF");
            if (conf == null || conf.isBlank()) {
                throw new IllegalStateException("trustchain.it.crypto.token=pkcs11 needs SOFTHSM2_CONF (the token's configuration, set by the pkcs11-token execution)");
            }
            Path tokenDir = Path.of(conf).toAbsolutePath().getParent();
            SoftHsmToken.initialize(tokenDir);
            tokenArguments = "-Dtrustchain.crypto.token=pkcs11 -Dtrustchain.pkcs11.library=" + SoftHsmToken.LIBRARY
                    + " -Dtrustchain.pkcs11.token.label=" + SoftHsmToken.LABEL + " -Dtrustchain.pkcs11.pin.file=" + tokenDir.resolve("pin");
        }
        String url = System.getenv("TRUSTCHAIN_DB_URL");
        if (url != null && !url.isBlank()) {
            String user = env("TRUSTCHAIN_DB_USER", "postgres");
            String password = env("TRUSTCHAIN_DB_PASSWORD", "trustchain");
            System.setProperty("trustchain.it.db.url", pkcs11 ? freshSiblingDatabase(url, user, password, "_pkcs11") : url);
            System.setProperty("trustchain.it.db.user", user);
            System.setProperty("trustchain.it.db.password", password);
        } else {
            embedded = EmbeddedDatabase.start(postgres);
            System.setProperty("trustchain.it.db.url", embedded.jdbcUrl());
            System.setProperty("trustchain.it.db.user", embedded.user());
            System.setProperty("trustchain.it.db.password", embedded.password());
        }
        prepareServerBase(base);
        System.setProperty("trustchain.it.arquillian.base", base.toString());
        System.setProperty("trustchain.it.arquillian.data", data.toString());
        System.setProperty("trustchain.it.arquillian.token", tokenArguments);
    }

    /** The database {@code <name><suffix>} on TRUSTCHAIN_DB_URL's server, dropped and created again; its JDBC URL. */
    private static String freshSiblingDatabase(String url, String user, String password, String suffix) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?$").matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("cannot derive a database of its own for the pkcs11 run from TRUSTCHAIN_DB_URL " + url);
        }
        String name = m.group(2) + suffix;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password); java.sql.Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name);
            s.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the database " + name + " for the pkcs11 run", e);
        }
        return m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A copy of standalone/configuration, so test runs never write into the built server. */
    private static void prepareServerBase(Path base) {
        Path template = Path.of(System.getProperty("trustchain.wildfly.home", "../wildfly-config/target/wildfly-39.0.1.Final"))
                .resolve("standalone").resolve("configuration");
        try {
            Path config = base.resolve("configuration");
            Files.createDirectories(config);
            try (Stream<Path> files = Files.list(template)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f)) {
                        Files.copy(f, config.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.createDirectories(base.resolve("deployments"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Arquillian server base " + base, e);
        }
    }
}
