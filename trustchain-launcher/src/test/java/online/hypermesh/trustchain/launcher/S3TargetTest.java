package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The s3:// backup target against a real S3 server (S3Proxy over a local directory) through the
 * real AWS CLI, and the archive and restore scripts run with /bin/sh as PostgreSQL runs them. The
 * AWS credentials come from the surefire configuration (pom.xml), as an operator's would come from
 * the environment or the instance role.
 */
class S3TargetTest {
    private static final String BUCKET = "trustchain-backups";

    @TempDir
    static Path work;
    private static Process s3proxy;
    private static String endpoint;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + port;
        Path blobs = Files.createDirectories(work.resolve("blobs"));
        Path properties = work.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + System.getenv("AWS_ACCESS_KEY_ID"),
                "s3proxy.credential=" + System.getenv("AWS_SECRET_ACCESS_KEY"),
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs,
                ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        s3proxy = new ProcessBuilder(java, "-jar", System.getProperty("s3proxy.jar"), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                break;
            } catch (IOException e) {
                assertTrue(s3proxy.isAlive(), () -> "S3Proxy exited: " + log());
                assertTrue(System.nanoTime() < deadline, () -> "S3Proxy did not listen within 60 s: " + log());
                Thread.sleep(200);
            }
        }
        assertEquals(0, run(List.of("aws", "--endpoint-url", endpoint, "s3", "mb", "s3://" + BUCKET)), S3TargetTest::log);
    }

    @AfterAll
    static void stopS3Proxy() throws InterruptedException {
        if (s3proxy != null) {
            s3proxy.destroy();
            s3proxy.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String log() {
        try {
            return Files.readString(work.resolve("s3proxy.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), () -> command + " hung: " + out);
        if (p.exitValue() != 0) {
            System.err.println(command + " exited " + p.exitValue() + ": " + out);
        }
        return p.exitValue();
    }

    private static int sh(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static S3Target target(String prefix) {
        return (S3Target) BackupTarget.parse("s3://" + BUCKET + "/" + prefix, work,
                java.util.Map.of(S3Target.ENDPOINT_SETTING, endpoint));
    }

    @Test
    void archiveThenRestore_givesTheSegmentBack_andNeverOverwritesADifferentOne() throws Exception {
        S3Target target = target("prod/us-east-1");
        target.prepare(null);
        Path archive = WalArchiving.writeScript(work.resolve("archive.sh"), target.archiveScript());
        Path restore = WalArchiving.writeScript(work.resolve("restore.sh"), target.restoreScript());
        Path segment = work.resolve("000000010000000000000003");
        byte[] content = new byte[16 * 1024 * 1024];
        content[7] = 42;
        Files.write(segment, content);

        assertEquals(0, sh(archive, segment.toString(), segment.getFileName().toString()));
        assertEquals(0, sh(archive, segment.toString(), segment.getFileName().toString()), "archiving the same file again succeeds");
        Files.write(segment, "other".getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(0, sh(archive, segment.toString(), segment.getFileName().toString()), "a different file is refused");

        Path back = work.resolve("restored");
        assertEquals(0, sh(restore, "000000010000000000000003", back.toString()));
        assertArrayEquals(content, Files.readAllBytes(back), "the first archived content, not the refused one");
        assertNotEquals(0, sh(restore, "000000010000000000000009", work.resolve("missing").toString()), "absent files end recovery");
        assertEquals(0, run(List.of("aws", "--endpoint-url", endpoint, "s3api", "head-object", "--bucket", BUCKET,
                "--key", "prod/us-east-1/wal/000000010000000000000003.gz")), "stored compressed under wal/");
    }

    @Test
    void baseBackups_areListedOnlyWithTheirManifest_oldestFirst_andFetchedWhole() throws Exception {
        S3Target target = target("bases");
        Path later = base("20261201T060000Z");
        Path earlier = base("20261201T000000Z");
        target.storeBase("20261201T060000Z", later);
        target.storeBase("20261201T000000Z", earlier);
        // An upload that stopped before its manifest (the manifest goes last) is not a backup.
        Path partial = Files.createDirectories(work.resolve("partial"));
        Files.writeString(partial.resolve(BaseBackup.ARCHIVE), "half");
        assertEquals(0, run(List.of("aws", "--endpoint-url", endpoint, "s3", "cp", partial.resolve(BaseBackup.ARCHIVE).toString(),
                "s3://" + BUCKET + "/bases/base/20261201T120000Z/" + BaseBackup.ARCHIVE)));

        assertEquals(List.of("20261201T000000Z", "20261201T060000Z"), target.baseNames());

        Path fetched = work.resolve("fetched");
        target.fetchBase("20261201T060000Z", fetched);
        assertArrayEquals(Files.readAllBytes(later.resolve(BaseBackup.ARCHIVE)), Files.readAllBytes(fetched.resolve(BaseBackup.ARCHIVE)));
        assertEquals("20261201T060000Z", BaseBackup.Manifest.read(fetched.resolve(BaseBackup.MANIFEST)).name());
        assertTrue(target.describe().contains(endpoint), target.describe());
    }

    private static Path base(String name) throws IOException {
        Path d = Files.createDirectories(work.resolve("local-" + name));
        Files.write(d.resolve(BaseBackup.ARCHIVE), ("tar of " + name).getBytes(StandardCharsets.US_ASCII));
        new BaseBackup.Manifest(name, Instant.EPOCH, Instant.EPOCH, "000000010000000000000002", "0/0", 140000, "00", 3)
                .write(d.resolve(BaseBackup.MANIFEST));
        return d;
    }
}
