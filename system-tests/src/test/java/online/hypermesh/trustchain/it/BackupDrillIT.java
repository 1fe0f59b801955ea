package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The disaster-recovery drill, from outside: a TrustChain started the README way with WAL
 * archiving to a directory issues, is backed up with {@code ./trustchain backup}, issues more and
 * revokes one; the point in time is taken; after it the CA issues once more and revokes another.
 * Then the data directory is destroyed, {@code ./trustchain restore <backups> --to <time>} rebuilds
 * it, the operator puts the secrets back from the vault, and TrustChain starts on it. Everything
 * before the time is there (certificates, the revocation, the CT tree, consistent with the tree
 * from before the backup), nothing after it, and OCSP and the CRL agree. The figures (RPO window
 * observed, restore and start times = RTO) are printed and written to target/it/backup-drill/figures.txt.
 */
class BackupDrillIT {
    private static final int OFFSET = 1600;
    private static final String API = "https://[::1]:" + (8443 + OFFSET);
    private static final String CT = "https://[::1]:" + (6962 + OFFSET);
    private static final String HTTP = "http://[::1]:" + (8080 + OFFSET);
    private static final Pattern SERIAL = Pattern.compile("\"serial_number\":\"([0-9a-f]+)\"");

    private static Path work;
    private static Path data;
    private static Path backups;
    private static RunningTrustChain server;

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void drill_restoresToThePointInTime_everythingBeforeNothingAfter() throws Exception {
        work = RunningTrustChain.freshWorkDirectory("backup-drill");
        data = work.resolve("data");
        backups = work.resolve("backups");
        Map<String, String> env = Map.of("TRUSTCHAIN_BACKUP_TARGET", backups.toString());
        server = RunningTrustChain.start(data, OFFSET, env);
        awaitBaseBackups(1); // the launcher takes one at once when the target has none

        String a = issue("a.drill.hypermesh.online");
        String b = issue("b.drill.hypermesh.online");
        Sth before = sth(); // the tree before the backup
        Scripts.Result backup = Scripts.run(work, Map.of(), 300, Scripts.repo().resolve("trustchain").toString(), "backup",
                "--data-dir", data.toString(), "--target", backups.toString()).expectSuccess();
        assertTrue(backup.output().contains("Base backup"), backup.output());
        awaitBaseBackups(2);

        String c = issue("c.drill.hypermesh.online");
        revoke(a, "keyCompromise");
        Sth atTarget = sth();
        Thread.sleep(1500);
        Instant target = Instant.now();
        Thread.sleep(1500);

        String e = issue("e.drill.hypermesh.online"); // after the target: must be gone
        revoke(b, "superseded");                       // after the target: must be undone
        long lastWrite = System.currentTimeMillis();
        long archivedAfter = awaitWalArchivedAfter(lastWrite);

        assertTrue(server.stop(), "TrustChain did not stop cleanly");
        server = null;
        Path vault = Files.createDirectories(work.resolve("vault"));
        for (String secret : List.of("operator-secret", "admin-token", "emergency-token")) {
            Files.copy(data.resolve(secret), vault.resolve(secret));
        }
        deleteTree(data); // the disaster

        Scripts.Result restore = Scripts.run(work, Map.of("TRUSTCHAIN_BACKUP_TARGET", backups.toString()), 600,
                Scripts.repo().resolve("trustchain").toString(), "restore", backups.toString(), "--to", target.toString(),
                "--data-dir", data.toString()).expectSuccess();
        assertTrue(restore.output().contains("timeline 2"), restore.output());
        assertTrue(restore.output().contains("no operator secret"), "restore warns about the missing secret: " + restore.output());
        for (String secret : List.of("operator-secret", "admin-token", "emergency-token")) {
            Files.copy(vault.resolve(secret), data.resolve(secret), StandardCopyOption.COPY_ATTRIBUTES);
        }
        long t0 = System.nanoTime();
        server = RunningTrustChain.start(data, OFFSET, env);
        long startMillis = (System.nanoTime() - t0) / 1_000_000;

        // Before the target: A revoked (keyCompromise), B and C valid. After it: E never existed, B's revocation undone.
        assertStatus(a, "revoked");
        assertTrue(get("/api/v1/ca/certificates/" + a).contains("keyCompromise"));
        assertStatus(b, "valid");
        assertStatus(c, "valid");
        assertEquals("404", TC.curl(work, data, "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer " + token(),
                API + "/api/v1/ca/certificates/" + e).out());

        // The CT tree is the one at the target, grown only by what the restarted node logged since
        // (its new DoQ and listener certificates): consistent with the tree at the target and with the
        // tree from before the backup; C's precertificate is in it, E's is not.
        Sth now = sth();
        assertTrue(now.size() >= atTarget.size(), "tree size after the restore " + now + " vs at the target " + atTarget);
        assertConsistent(atTarget, now);
        assertConsistent(before, now);
        String entries = TC.curl(work, data, CT + "/ct/v1/get-entries?start=0&end=" + (now.size() - 1)).expectSuccess().out();
        Matcher leaf = Pattern.compile("\"leaf_input\":\"([A-Za-z0-9+/=]+)\"").matcher(entries);
        List<String> leaves = new ArrayList<>();
        while (leaf.find()) {
            leaves.add(new String(Base64.getDecoder().decode(leaf.group(1)), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        assertEquals(now.size(), leaves.size(), entries);
        assertTrue(leaves.subList(0, (int) atTarget.size()).stream().anyMatch(l -> l.contains("c.drill.hypermesh.online")),
                "C's precertificate is in the tree");
        assertTrue(leaves.stream().noneMatch(l -> l.contains("e.drill.hypermesh.online")), "E's precertificate is not in the tree");

        // OCSP and the CRL agree with the restored database.
        fetchChain(a, "a");
        fetchChain(b, "b");
        assertTrue(ocsp("a").contains("a.pem: revoked"), ocsp("a"));
        assertTrue(ocsp("b").contains("b.pem: good"), ocsp("b"));
        Commands.run(work, "curl", "-sS", "-f", "-o", "crl.der", HTTP + "/crl/us-east-1-g1.crl").expectSuccess();
        String crl = Commands.run(work, "openssl", "crl", "-inform", "DER", "-in", "crl.der", "-noout", "-text").expectSuccess().out()
                .toLowerCase();
        assertTrue(crl.contains(a.substring(Math.max(0, a.length() - 20))), "CRL lists A: " + crl);
        assertTrue(!crl.contains(b.substring(Math.max(0, b.length() - 20))), "CRL does not list B: " + crl);

        // After the restore, issuance goes on and the new timeline is archived.
        issue("f.drill.hypermesh.online");

        String figures = String.join("\n",
                "base backup (online, ./trustchain backup): " + backup.millis() + " ms",
                "RPO: the last commit was in the archive " + (archivedAfter - lastWrite) + " ms after it (archive_timeout 60 s bounds this)",
                "restore (./trustchain restore --to): " + restore.millis() + " ms",
                "start on the restored data until ready: " + startMillis + " ms",
                "RTO (restore + start): " + (restore.millis() + startMillis) + " ms", "");
        Files.writeString(work.resolve("figures.txt"), figures);
        System.out.println("[backup drill]\n" + figures);
    }

    private record Sth(long size, String root) {
    }

    /** RFC 9162 2.1.4.2, with the proof the restored log gives for the two sizes. */
    private static void assertConsistent(Sth first, Sth second) {
        String proof = TC.curl(work, data, CT + "/ct/v1/get-sth-consistency?first=" + first.size() + "&second=" + second.size())
                .expectSuccess().out();
        List<byte[]> path = new ArrayList<>();
        Matcher m = Pattern.compile("\"([A-Za-z0-9+/=]{44})\"").matcher(proof);
        while (m.find()) {
            path.add(Base64.getDecoder().decode(m.group(1)));
        }
        assertTrue(Rfc9162Proofs.consistencyVerifies(first.size(), second.size(), Base64.getDecoder().decode(first.root()),
                Base64.getDecoder().decode(second.root()), path), "consistency proof " + first + " -> " + second + ": " + proof);
    }

    private static Sth sth() {
        String body = TC.curl(work, data, CT + "/ct/v1/get-sth").expectSuccess().out();
        Matcher size = Pattern.compile("\"tree_size\":(\\d+)").matcher(body);
        Matcher root = Pattern.compile("\"sha256_root_hash\":\"([^\"]+)\"").matcher(body);
        assertTrue(size.find() && root.find(), body);
        return new Sth(Long.parseLong(size.group(1)), root.group(1));
    }

    private static String issue(String name) throws Exception {
        String key = name + ".key";
        Commands.run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key).expectSuccess();
        Commands.run(work, "openssl", "req", "-new", "-key", key, "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name,
                "-out", name + ".csr").expectSuccess();
        String csr = Files.readString(work.resolve(name + ".csr")).replace("\n", "\\n");
        String body = TC.curl(work, data, "-H", "Authorization: Bearer " + token(), "-H", "Content-Type: application/json",
                "-d", "{\"csr\": \"" + csr + "\", \"profile\": \"server\"}", API + "/api/v1/ca/certificates").expectSuccess().out();
        Matcher m = SERIAL.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    private static void revoke(String serial, String reason) {
        String body = TC.curl(work, data, "-f", "-H", "Authorization: Bearer " + token(), "-H", "Content-Type: application/json",
                "-d", "{\"reason\": \"" + reason + "\"}", API + "/api/v1/ca/certificates/" + serial + "/revoke").expectSuccess().out();
        assertTrue(body.contains("revoked"), body);
    }

    private static String get(String path) {
        return TC.curl(work, data, "-f", "-H", "Authorization: Bearer " + token(), API + path).expectSuccess().out();
    }

    private static void assertStatus(String serial, String status) {
        String body = get("/api/v1/ca/certificates/" + serial);
        assertTrue(body.contains("\"status\":\"" + status + "\""), serial + " should be " + status + ": " + body);
    }

    /** The certificate (from the API) and its issuer, as NAME.pem and NAME-issuer.pem. */
    private static void fetchChain(String serial, String name) throws Exception {
        String body = get("/api/v1/ca/certificates/" + serial);
        Matcher m = Pattern.compile("\"certificate\":\"(-----BEGIN CERTIFICATE-----[^\"]+)\"").matcher(body);
        assertTrue(m.find(), body);
        Files.writeString(work.resolve(name + ".pem"), m.group(1).replace("\\n", "\n"));
        Files.writeString(work.resolve(name + "-issuer.pem"), TC.curl(work, data, "-f", API + "/api/v1/ca/cert").expectSuccess().out());
    }

    private static String ocsp(String name) {
        Commands.Result r = Commands.run(work, "openssl", "ocsp", "-issuer", name + "-issuer.pem", "-cert", name + ".pem",
                "-url", HTTP + "/ocsp", "-CAfile", data.resolve("root.pem").toString());
        return r.out() + r.err();
    }

    private static String token() {
        return Commands.adminToken(data);
    }

    private static void awaitBaseBackups(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> dirs = Files.list(backups.resolve("base"))) {
                if (dirs.filter(d -> Files.exists(d.resolve("manifest.properties"))).count() >= count) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not created yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("fewer than " + count + " base backups in " + backups);
    }

    /** When a WAL segment newer than {@code millis} reached the archive (the segment holding that commit). */
    private static long awaitWalArchivedAfter(long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(backups.resolve("wal"))) {
                for (Path f : files.toList()) {
                    long modified = Files.getLastModifiedTime(f).toMillis();
                    if (f.getFileName().toString().matches("[0-9A-F]{24}\\.gz") && modified > millis) {
                        return modified;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no WAL archived after the last write within 150 s");
    }

    /** curl with the server's root, like {@link BlackBoxServer#curl}. */
    private static final class TC {
        static Commands.Result curl(Path work, Path data, String... args) {
            return Commands.curl(work, data, args);
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
