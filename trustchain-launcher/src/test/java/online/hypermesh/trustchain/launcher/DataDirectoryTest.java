package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void layout() {
        DataDirectory data = new DataDirectory(tmp.resolve("d"));
        Path root = tmp.resolve("d");
        assertEquals(root.resolve("postgres"), data.postgres());
        assertEquals(root.resolve("wildfly"), data.wildflyBase());
        assertEquals(root.resolve("wildfly/log/server.log"), data.serverLog());
        assertEquals(root.resolve("operator-secret"), data.operatorSecret());
        assertEquals(root.resolve("tls/keystore-password"), data.keystorePassword());
        assertEquals(root.resolve("root.pem"), data.rootPem());
        assertEquals(root.resolve("admin-token"), data.adminToken());
    }

    @Test
    void prepareCreatesWhatTheLauncherWritesAndKeepsTlsPrivate() throws Exception {
        DataDirectory data = new DataDirectory(tmp.resolve("new/data")).prepare();
        assertTrue(Files.isDirectory(data.wildflyBase().resolve("log")));
        assertTrue(Files.isDirectory(data.wildflyBase().resolve("deployments")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.tlsDir())));
        assertFalse(Files.exists(data.postgres()), "initdb creates the cluster");
        data.prepare(); // idempotent
    }

    @Test
    void settingsNeverShowThePassword() {
        DatabaseSettings db = new DatabaseSettings("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true", "u", "s3cret");
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true", db.displayUrl());
        assertFalse(db.toString().contains("s3cret"));
    }

    @Test
    void logTailReturnsTheLastLines() throws Exception {
        Path log = Files.writeString(tmp.resolve("server.log"), "a\nb\nc\nd\n");
        assertEquals(java.util.List.of("c", "d"), LogTail.lastLines(log, 2));
        assertTrue(LogTail.lastLines(tmp.resolve("missing.log"), 2).isEmpty());
    }
}
