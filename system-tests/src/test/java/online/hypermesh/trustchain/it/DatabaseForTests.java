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
 */
public class DatabaseForTests implements LauncherSessionListener {
    private EmbeddedDatabase embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Path work = Path.of(System.getProperty("trustchain.it.work", "target/it"));
        String url = System.getenv("TRUSTCHAIN_DB_URL");
        if (url != null && !url.isBlank()) {
            System.setProperty("trustchain.it.db.url", url);
            System.setProperty("trustchain.it.db.user", env("TRUSTCHAIN_DB_USER", "postgres"));
            System.setProperty("trustchain.it.db.password", env("TRUSTCHAIN_DB_PASSWORD", "trustchain"));
        } else {
            embedded = EmbeddedDatabase.start(work.resolve("arquillian-postgres"));
            System.setProperty("trustchain.it.db.url", embedded.jdbcUrl());
            System.setProperty("trustchain.it.db.user", embedded.user());
            System.setProperty("trustchain.it.db.password", embedded.password());
        }
        prepareServerBase(work.resolve("arquillian-base"));
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
