package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.sct.SignatureInputs;
import online.hypermesh.trustchain.ct.statics.Checkpoint;
import online.hypermesh.trustchain.launcher.EmbeddedDatabase;
import online.hypermesh.trustchain.witness.AddCheckpointRequest;
import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.WitnessStore;
import online.hypermesh.trustchain.witness.client.CheckpointQuorum;
import online.hypermesh.trustchain.witness.client.WitnessEndpoint;

/**
 * The witnessed log as a user of {@code ./trustchain run} sees it: four witness processes next to
 * TrustChain, each checkpoint at /checkpoint cosigned by them (cosignatures verified with
 * golang.org/x/mod/sumdb/note), confirmed with 3 of 4 when one is stopped and not with 2 of 4,
 * health and metrics per witness, and every witness stopped with TrustChain. With witness 4
 * restarted as a liar ({@code --lie}) and the test playing the compromised log (the log's key
 * decrypted from the database with the data directory's operator secret), a forked checkpoint is
 * refused by the three honest witnesses (409, kept as evidence), never reaches quorum, and the
 * monitor raises the split view on its health check and metric. POST /api/v1/validate admits eight
 * validations at once (held in flight by stopping the embedded PostgreSQL with SIGSTOP) and answers
 * the others 429 problem+json with Retry-After. Port offset 1400 (witnesses on
 * 8370-8373, the monitor's health on 8390, the mesh DNS on 9453).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WitnessBlackBoxIT {
    private static final int OFFSET = 1400;
    private static final String API = "https://[::1]:" + (8443 + OFFSET);
    private static final String CT = "https://[::1]:" + (6962 + OFFSET);
    private static final String METRICS = "http://127.0.0.1:" + (9990 + OFFSET) + "/metrics";
    private static final long WAIT_MS = 30_000;
    private static final int DNS_PORT = 8053 + OFFSET;
    private static final int MONITOR_PORT = 6990 + OFFSET;
    private static final Path JAR = Scripts.repo().resolve("witness/target/trustchain-witness.jar");
    /** Witness 4 once restarted with --lie (this test's own process, stopped by {@link #stopWitness}). */
    private static Process liar;
    private static final Pattern CONFIRMED = Pattern.compile("confirmed (\\d+) \\(quorum 3 of 4\\)");

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("witness-blackbox", OFFSET);
    private static final Path work = TC.work();
    private static final Path data = TC.data();
    private static int issued;

    private static Commands.Result curl(String... args) {
        return TC.curl(args);
    }

    /** Issues one certificate (one new log entry); returns the tree size after it. */
    /** The size of the tree the test forked with the log's key, kept by the honest witnesses as evidence. */
    private static long forkedSize;

    private static long issue() {
        String name = "witnessed-" + (++issued);
        Commands.run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key")
                .expectSuccess();
        Commands.run(work, "openssl", "req", "-new", "-key", name + ".key", "-subj", "/CN=" + name + ".hypermesh.online",
                "-addext", "subjectAltName=DNS:" + name + ".hypermesh.online", "-out", name + ".csr").expectSuccess();
        String code = curl("-o", name + "-chain.pem", "-w", "%{http_code}", "-H", "Authorization: Bearer " + TC.token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + name + ".csr",
                API + "/api/v1/ca/certificates?profile=server").expectSuccess().out();
        assertEquals("201", code);
        return treeSize();
    }

    private static long treeSize() {
        Matcher m = Pattern.compile("\"tree_size\"\\s*:\\s*(\\d+)").matcher(curl(CT + "/ct/v1/get-sth").expectSuccess().out());
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    private static int witnessPort(int n) {
        return 6970 + OFFSET + n - 1;
    }

    /** Read from each witness while it runs (GET / names its verifier key), kept for after it is stopped. */
    private static final Map<Integer, String> VERIFIER_KEYS = new java.util.HashMap<>();

    private static String verifierKey(int n) {
        return VERIFIER_KEYS.computeIfAbsent(n, WitnessBlackBoxIT::fetchVerifierKey);
    }

    private static String fetchVerifierKey(int n) {
        String info = Commands.run(work, "curl", "-sS", "http://127.0.0.1:" + witnessPort(n) + "/").expectSuccess().out();
        Matcher m = Pattern.compile("\"verifierKey\":\"([^\"]+)\"").matcher(info);
        assertTrue(m.find(), info);
        return m.group(1);
    }

    /** The checkpoint once it is of at least this size and carries at least this many cosignatures (the log's line excluded). */
    private static String awaitCheckpoint(long size, int cosignatures) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        String note = "";
        while (System.currentTimeMillis() < deadline) {
            note = curl(CT + "/checkpoint").expectSuccess().out();
            String[] lines = note.split("\n");
            long noteSize = Long.parseLong(lines[1]);
            long signatures = note.lines().filter(l -> l.startsWith("\u2014 ")).count();
            if (noteSize >= size && signatures - 1 >= cosignatures) {
                return note;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint of size " + size + " with " + cosignatures + " cosignatures within " + WAIT_MS
                + " ms; last:\n" + note + "\nhealth: " + health());
    }

    private static String health() {
        return curl(API + "/health").out();
    }

    private static long confirmedSize() {
        Matcher m = CONFIRMED.matcher(health());
        assertTrue(m.find(), health());
        return Long.parseLong(m.group(1));
    }

    /** Each witness's cosignature verified by golang.org/x/mod/sumdb/note, a verifier this project did not write. */
    private static List<String> goVerified(String note, int... witnesses) throws Exception {
        Path file = work.resolve("checkpoint-" + System.nanoTime() + ".txt");
        Files.writeString(file, note);
        List<String> ok = new ArrayList<>();
        for (int n : witnesses) {
            ProcessBuilder pb = new ProcessBuilder("go", "run",
                    Scripts.repo().resolve("witness/src/test/go/verify_cosignature.go").toString(), verifierKey(n), file.toString())
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.put("GOPATH", "/usr/share/gocode");
            env.put("GO111MODULE", "off");
            env.put("GOCACHE", work.resolve("gocache").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            if (p.exitValue() == 0) {
                ok.add(out.strip());
            }
        }
        return ok;
    }

    /** One round of the split-view monitor (witness jar's {@code monitor --once}) over the log and the running witnesses. */
    private static Commands.Result monitorOnce(int... running) {
        String logJson = curl(CT + "/log.json").expectSuccess().out();
        Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(logJson);
        assertTrue(key.find(), logJson);
        String origin = curl(CT + "/checkpoint").expectSuccess().out().split("\n")[0];
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", Scripts.repo().resolve("witness/target/trustchain-witness.jar").toString(),
                "monitor", "--once", "--log", CT + "/", "--origin", origin, "--log-key", key.group(1),
                "--root-pem", data.resolve("root.pem").toString()));
        for (int n : running) {
            cmd.addAll(List.of("--witness", "w" + n + "=http://127.0.0.1:" + witnessPort(n) + "/"));
        }
        return Commands.run(work, cmd);
    }

    private static final Pattern CHECK = Pattern.compile("\"name\"\\s*:\\s*\"([a-z]+)\"\\s*,\\s*\"outcome\"\\s*:\\s*\"([A-Za-z]+)\"");

    /** Each check's outcome, lower case, from the JSON report of the endpoint or the command. */
    private static Map<String, String> outcomes(String json) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Matcher m = CHECK.matcher(json);
        while (m.find()) {
            out.put(m.group(1), m.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    /** POST /api/v1/validate without credentials: a public service. */
    private static String validateThroughTheApi(String chainFile) {
        return curl("-H", "Content-Type: application/pem-certificate-chain", "--data-binary", "@" + chainFile,
                API + "/api/v1/validate").expectSuccess().out();
    }

    /** trustchain-witness.jar validate with the log and the four witnesses' keys, as a relying party runs it. */
    private static Commands.Result validateWithTheCommand(String chainFile) {
        String logJson = curl(CT + "/log.json").expectSuccess().out();
        Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(logJson);
        assertTrue(key.find(), logJson);
        String origin = curl(CT + "/checkpoint").expectSuccess().out().split("\n")[0];
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", Scripts.repo().resolve("witness/target/trustchain-witness.jar").toString(),
                "validate", "--json", "--chain", work.resolve(chainFile).toString(), "--roots", data.resolve("root.pem").toString(),
                "--log", CT + "/", "--origin", origin, "--log-key", key.group(1), "--dns", "[::1]:" + DNS_PORT, "--mesh-zone", "hypermesh.online"));
        for (int n = 1; n <= 4; n++) {
            cmd.addAll(List.of("--witness", verifierKey(n) + "=http://127.0.0.1:" + witnessPort(n) + "/"));
        }
        return Commands.run(work, cmd);
    }

    private static void stopWitness(int n) throws Exception {
        if (n == 4 && liar != null) {
            liar.destroy();
            assertTrue(liar.waitFor(30, TimeUnit.SECONDS));
            liar = null;
            return;
        }
        long pid = Long.parseLong(Files.readString(data.resolve("witnesses/w" + n + "/witness.pid")).trim());
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
        h.destroy();
        h.onExit().get(30, TimeUnit.SECONDS);
    }

    @Test
    @Order(10)
    void allHonestWitnessesCosignEachCheckpoint() throws Exception {
        for (int n = 1; n <= 4; n++) {
            verifierKey(n);
        }
        long size = issue();
        String note = awaitCheckpoint(size, 4);
        List<String> verified = goVerified(note, 1, 2, 3, 4);
        assertEquals(4, verified.size(), note);
        for (int n = 1; n <= 4; n++) {
            assertTrue(verified.get(n - 1).startsWith("OK witness-" + n + ".trustchain.localhost "), verified.toString());
        }
        assertEquals(size, confirmedSize());
        String h = health();
        assertTrue(h.contains("\"ct-witnesses\":\"UP: "), h);
        // Each witness serves what it cosigned (the tlog-witness monitoring path) and keeps it in the data directory.
        assertTrue(Files.isRegularFile(data.resolve("witnesses/w1/witness.key")));
        // The monitor sees one tree through the log and all four witnesses.
        Commands.Result monitor = monitorOnce(1, 2, 3, 4);
        assertEquals(0, monitor.exit(), monitor.out() + monitor.err());
        assertTrue(monitor.out().contains("consistent up to size " + size), monitor.out());
    }

    @Test
    @Order(15)
    void aGoodCertificatePassesEveryRelyingPartyCheck_throughTheApiAndTheCommand() throws Exception {
        long size = issue();
        awaitCheckpoint(size, 4);
        String chain = "witnessed-" + issued + "-chain.pem";
        for (int n = 1; n <= 4; n++) {
            verifierKey(n); // read while all four run
        }
        String api = validateThroughTheApi(chain);
        Map<String, String> viaApi = outcomes(api);
        assertEquals(Map.of("chain", "pass", "validity", "pass", "ocsp", "pass", "sct", "pass", "inclusion", "pass", "quorum", "pass",
                "tlsa", "pass"), viaApi, api);
        // The TLSA evidence: the mesh DNS's 3 1 1 record of the certificate's name, matching its key.
        assertTrue(api.contains("_443._tcp.witnessed-" + issued + ".hypermesh.online TLSA 3 1 1 "), api);
        assertTrue(api.contains("\"valid\":true"), api);

        Commands.Result command = validateWithTheCommand(chain);
        assertEquals(0, command.exit(), command.out());
        assertEquals(viaApi, outcomes(command.out()), command.out());

        // Not a certificate: a problem document, no report.
        Files.writeString(work.resolve("not-a-chain.pem"), "hello");
        String code = curl("-o", "not-a-chain.json", "-w", "%{http_code}", "-H", "Content-Type: application/pem-certificate-chain",
                "--data-binary", "@not-a-chain.pem", API + "/api/v1/validate").expectSuccess().out();
        assertEquals("400", code);
        assertTrue(Files.readString(work.resolve("not-a-chain.json")).contains("\"status\":400"));
    }

    @Test
    @Order(16)
    void beyondEightValidationsInFlightEachIs429WithRetryAfter_andTheEightStillAnswer() throws Exception {
        String chain = "witnessed-" + issued + "-chain.pem";
        // With the embedded PostgreSQL stopped, every admitted validation waits inside (OCSP reads the
        // status from it) and keeps its place, so of twelve sent at once exactly eight are admitted and
        // four refused at once, however the twelve arrive.
        int sent = 12;
        List<String> postgres = postgresProcesses();
        signal("-STOP", postgres);
        List<Process> all = new ArrayList<>();
        try {
            for (int i = 0; i < sent; i++) {
                all.add(new ProcessBuilder("curl", "-sS", "--cacert", data.resolve("root.pem").toString(), "--max-time", "60",
                        "-D", "in-flight-" + i + ".headers", "-o", "in-flight-" + i + ".json", "-w", "%{http_code}",
                        "-H", "Content-Type: application/pem-certificate-chain", "--data-binary", "@" + chain, API + "/api/v1/validate")
                        .directory(work.toFile()).redirectErrorStream(true).start());
            }
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (all.stream().filter(p -> !p.isAlive()).count() < sent - 8 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(sent - 8, all.stream().filter(p -> !p.isAlive()).count(), "answered while eight wait on the database");
        } finally {
            signal("-CONT", postgres);
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            Process p = all.get(i);
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "validation " + i + " still running");
            String code = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            codes.add(code);
            String headers = Files.readString(work.resolve("in-flight-" + i + ".headers")).toLowerCase(java.util.Locale.ROOT);
            String body = Files.readString(work.resolve("in-flight-" + i + ".json"));
            if (code.equals("429")) {
                assertTrue(headers.contains("content-type: application/problem+json"), headers);
                assertTrue(headers.contains("retry-after: 1\r\n"), headers);
                assertTrue(body.contains("\"status\":429") && body.contains("rate-limited") && body.contains("8 validations are already running"), body);
            } else {
                // The eight were only delayed: each answers with its full report once the database runs again.
                assertEquals("200", code, body);
                assertTrue(body.contains("\"checks\""), body);
            }
        }
        assertEquals(8, codes.stream().filter("200"::equals).count(), codes.toString());
        assertEquals(sent - 8, codes.stream().filter("429"::equals).count(), codes.toString());
        // And the places are free again.
        assertTrue(validateThroughTheApi(chain).contains("\"valid\":true"));
    }

    /** The embedded PostgreSQL's postmaster and its backends (the server's connections). */
    private static List<String> postgresProcesses() throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        List<String> pids = new ArrayList<>(List.of(Long.toString(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow().children().forEach(c -> pids.add(Long.toString(c.pid())));
        return pids;
    }

    private static void signal(String signal, List<String> pids) {
        List<String> cmd = new ArrayList<>(List.of("kill", signal));
        cmd.addAll(pids);
        Commands.run(work, cmd).expectSuccess();
    }

    /** The log's private key as someone who took the data directory and the database gets it: the operator secret decrypts it. */
    private static java.security.PrivateKey stolenLogKey() throws Exception {
        List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/" + EmbeddedDatabase.DATABASE_NAME;
        char[] secret = Files.readString(data.resolve("operator-secret"), StandardCharsets.UTF_8).trim().toCharArray();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
             java.sql.PreparedStatement s = c.prepareStatement("select alias, key_type, salt, iterations, iv, ciphertext from crypto_key"
                     + " where alias like 'ct-log-%' order by created_at desc limit 1");
             java.sql.ResultSet r = s.executeQuery()) {
            assertTrue(r.next(), "the log's key is in crypto_key");
            // The software token's format (V1__ca_schema.sql): PBKDF2-HMAC-SHA256 to an AES-256-GCM key, alias and type as AAD.
            javax.crypto.SecretKey kek = new javax.crypto.spec.SecretKeySpec(javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new javax.crypto.spec.PBEKeySpec(secret, r.getBytes("salt"), r.getInt("iterations"), 256)).getEncoded(), "AES");
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(javax.crypto.Cipher.DECRYPT_MODE, kek, new javax.crypto.spec.GCMParameterSpec(128, r.getBytes("iv")));
            gcm.updateAAD(("trustchain-key:" + r.getString("alias") + ":" + r.getString("key_type")).getBytes(StandardCharsets.UTF_8));
            byte[] pkcs8 = gcm.doFinal(r.getBytes("ciphertext"));
            return java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
        }
    }

    private static String logKeyBase64() {
        Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(curl(CT + "/log.json").expectSuccess().out());
        assertTrue(key.find());
        return key.group(1);
    }

    private static Commands.Result post(int witness, String file) {
        return Commands.run(work, "curl", "-sS", "-o", file + ".answer-" + witness, "-w", "%{http_code}", "--data-binary", "@" + file,
                "http://127.0.0.1:" + witnessPort(witness) + "/add-checkpoint");
    }

    @Test
    @Order(17)
    void aForkSignedWithTheLogsKeyNeverReachesQuorum_evenWithALyingWitness_andTheMonitorRaisesTheAlert() throws Exception {
        long size = issue();
        String honest = awaitCheckpoint(size, 4);
        String origin = honest.split("\n")[0];
        String key = logKeyBase64();
        for (int n = 1; n <= 4; n++) {
            verifierKey(n);
        }
        // Witness 4 turns Byzantine: the same key, state and port, restarted with the test-only --lie.
        stopWitness(4);
        liar = new ProcessBuilder("java", "-jar", JAR.toString(), "--name", "witness-4.trustchain.localhost",
                "--state", data.resolve("witnesses/w4").toString(), "--listen", "127.0.0.1:" + witnessPort(4), "--log", origin + "=" + key, "--lie")
                .redirectErrorStream(true).redirectOutput(work.resolve("liar.log").toFile()).start();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!Commands.run(work, "curl", "-sS", "http://127.0.0.1:" + witnessPort(4) + "/").out().contains("\"lying\":true")) {
            assertTrue(System.currentTimeMillis() < deadline, "the lying witness did not start: " + Files.readString(work.resolve("liar.log")));
            Thread.sleep(100);
        }

        // The test plays the compromised log: another tree of the same size, signed with the log's own key.
        byte[] logSpki = java.util.Base64.getDecoder().decode(key);
        byte[] logId = java.security.MessageDigest.getInstance("SHA-256").digest(logSpki);
        byte[] forkRoot = java.security.MessageDigest.getInstance("SHA-256").digest(("fork of " + size).getBytes(StandardCharsets.UTF_8));
        long timestamp = System.currentTimeMillis();
        java.security.Signature ecdsa = java.security.Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(stolenLogKey());
        ecdsa.update(SignatureInputs.treeHead(timestamp, size, forkRoot));
        String fork = Checkpoint.signedNote(origin, logId, size, forkRoot, timestamp, new DigitallySigned(ecdsa.sign()));
        forkedSize = size;
        Files.write(work.resolve("fork.req"), AddCheckpointRequest.encode(size - 1, List.of(), fork));

        // Honest witnesses hold this size with the log's real root: 409 with that size, the fork kept as evidence.
        String hash = WitnessStore.originHash(origin);
        for (int n = 1; n <= 3; n++) {
            assertEquals("409", post(n, "fork.req").expectSuccess().out());
            assertEquals(size + "\n", Files.readString(work.resolve("fork.req.answer-" + n)));
            String evidence = Commands.run(work, "curl", "-sS", "http://127.0.0.1:" + witnessPort(n) + "/" + hash + "/evidence").expectSuccess().out();
            assertTrue(evidence.contains("\"kind\":\"fork\"") && evidence.contains("\"status\":409"), evidence);
            assertTrue(evidence.contains(fork.substring(0, fork.indexOf("\n\n")).replace("\n", "\\n")), "the refused fork as received: " + evidence);
            try (var files = Files.list(data.resolve("witnesses/w" + n + "/logs/" + hash + "/evidence"))) {
                assertEquals(1, files.count(), "witness " + n + " stored the evidence");
            }
        }
        // The liar cosigns it; one cosignature of four is no quorum for a relying party.
        assertEquals("200", post(4, "fork.req").expectSuccess().out());
        String cosignedFork = fork + Files.readString(work.resolve("fork.req.answer-4"));
        List<WitnessEndpoint> endpoints = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            endpoints.add(WitnessEndpoint.parse(verifierKey(n), "http://127.0.0.1:" + witnessPort(n) + "/"));
        }
        CheckpointQuorum.Result q = CheckpointQuorum.check(cosignedFork, LogKey.fromBase64Spki(origin, key), endpoints);
        assertTrue(q.logSigned(), q.problem());
        assertFalse(q.confirmed(), "the fork never reaches quorum");
        assertEquals(List.of("witness-4.trustchain.localhost"), q.cosigners());
        assertEquals(1, goVerified(cosignedFork, 4).size(), "the liar's cosignature is a real one");
        assertTrue(goVerified(cosignedFork, 1, 2, 3).isEmpty());
        // The log's own checkpoint is untouched.
        assertTrue(curl(CT + "/checkpoint").expectSuccess().out().startsWith(honest.substring(0, honest.indexOf("\n\n"))));

        // The monitor sees two signed roots for one size: it says so with both checkpoints, on its health check and metric.
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "monitor", "--log", CT + "/", "--origin", origin,
                "--log-key", key, "--root-pem", data.resolve("root.pem").toString(), "--interval-ms", "200",
                "--listen", "127.0.0.1:" + MONITOR_PORT));
        for (int n = 1; n <= 4; n++) {
            cmd.addAll(List.of("--witness", "w" + n + "=http://127.0.0.1:" + witnessPort(n) + "/"));
        }
        Process monitor = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("monitor.log").toFile()).start();
        try {
            String health = "";
            deadline = System.currentTimeMillis() + WAIT_MS;
            while (System.currentTimeMillis() < deadline) {
                Commands.Result h = Commands.run(work, "curl", "-sS", "-w", "\n%{http_code}", "http://127.0.0.1:" + MONITOR_PORT + "/health");
                health = h.out();
                if (health.endsWith("\n503")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertTrue(health.startsWith("DOWN: Byzantine behaviour detected"), health + "\n" + Files.readString(work.resolve("monitor.log")));
            assertTrue(health.contains("two roots for tree size " + size), health);
            assertTrue(health.contains(honest.substring(0, honest.indexOf("\n\n"))), "the log's signed checkpoint: " + health);
            assertTrue(health.contains(fork.substring(0, fork.indexOf("\n\n"))), "the forked signed checkpoint: " + health);
            String metrics = Commands.run(work, "curl", "-sS", "http://127.0.0.1:" + MONITOR_PORT + "/metrics").expectSuccess().out();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("trustchain_ct_byzantine_detections_total ") && !l.endsWith(" 0.0")), metrics);
            assertTrue(Files.readString(work.resolve("monitor.log")).contains("SPLIT VIEW (Byzantine behaviour detected)"));
        } finally {
            monitor.destroy();
            monitor.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopTheLiar() throws InterruptedException {
        if (liar != null) {
            liar.destroy();
            liar.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(20)
    void oneWitnessStoppedStillConfirms() throws Exception {
        stopWitness(4);
        long size = issue();
        String note = awaitCheckpoint(size, 3);
        assertEquals(3, goVerified(note, 1, 2, 3).size());
        assertTrue(goVerified(note, 4).isEmpty(), "the stopped witness did not cosign this tree");
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (confirmedSize() < size && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(size, confirmedSize(), health());
        assertTrue(health().contains("witness-4.trustchain.localhost cosigned"), "the lagging witness shows: " + health());
        assertTrue(health().contains("unreachable"), health());
    }

    @Test
    @Order(30)
    void twoWitnessesStoppedIsNotConfirmed() throws Exception {
        long before = confirmedSize();
        stopWitness(3);
        long size = issue();
        String note = awaitCheckpoint(size, 2);
        assertEquals(2, goVerified(note, 1, 2).size());
        // Rounds are retried every second; the quorum still cannot be reached.
        Thread.sleep(2500);
        assertEquals(before, confirmedSize(), health());
        assertTrue(before < size);
        // Not confirmed is not inconsistent: the only split view the monitor reports is the fork the
        // compromised log sent earlier (@Order(17)), which the honest witnesses keep as evidence.
        Commands.Result monitor = monitorOnce(1, 2);
        assertEquals(3, monitor.exit(), monitor.out() + monitor.err());
        String report = monitor.out() + monitor.err();
        assertTrue(report.contains("evidence") && report.contains("\n" + forkedSize + "\n"), report);
        assertEquals(1, report.split("SPLIT VIEW", -1).length - 1, "one split view, the forged one: " + report);
    }

    @Test
    @Order(35)
    void withTwoWitnessesStopped_theQuorumCheckFails_andARevokedCertificateFailsOcsp() throws Exception {
        // Witnesses 3 and 4 are stopped since @Order(30): a new entry's checkpoint cannot reach 3 of 4.
        issue();
        String chain = "witnessed-" + issued + "-chain.pem";
        Map<String, String> stale = outcomes(validateWithTheCommand(chain).out());
        assertEquals("pass", stale.get("sct"), stale.toString());
        assertEquals("fail", stale.get("quorum"), stale.toString());

        String serial = Commands.run(work, "openssl", "x509", "-in", "witnessed-1-chain.pem", "-noout", "-serial").expectSuccess()
                .out().trim().substring("serial=".length()).toLowerCase(java.util.Locale.ROOT).replaceFirst("^0+", "");
        Files.writeString(work.resolve("revoke.json"), "{\"reason\":\"keyCompromise\"}");
        curl("-f", "-H", "Authorization: Bearer " + TC.token(), "-H", "Content-Type: application/json",
                "--data-binary", "@revoke.json", API + "/api/v1/ca/certificates/" + serial + "/revoke").expectSuccess();
        String api = validateThroughTheApi("witnessed-1-chain.pem");
        assertEquals("fail", outcomes(api).get("ocsp"), api);
        assertTrue(api.contains("\"valid\":false"), api);
        Commands.Result command = validateWithTheCommand("witnessed-1-chain.pem");
        assertEquals(1, command.exit(), command.out());
        assertEquals("fail", outcomes(command.out()).get("ocsp"), command.out());
        // The revocation withdrew the certificate's TLSA record from the mesh zone.
        assertEquals("fail", outcomes(command.out()).get("tlsa"), command.out());
        assertTrue(command.out().contains("has no TLSA record"), command.out());
    }

    @Test
    @Order(40)
    void metricsPerWitness() {
        String metrics = Commands.run(work, "curl", "-sS", METRICS).expectSuccess().out();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("trustchain_ct_witness_cosigned_size{")
                && l.contains("witness=\"witness-1.trustchain.localhost\"")), metrics);
        assertTrue(metrics.contains("trustchain_ct_witness_cosigned_timestamp_seconds{"), metrics);
        assertTrue(metrics.contains("trustchain_ct_checkpoint_confirmed_size"), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("trustchain_ct_byzantine_detections_total") && l.endsWith(" 0.0")), metrics);
    }

    @Test
    @Order(50)
    void stoppingTrustChainStopsTheWitnesses() throws Exception {
        long pid1 = Long.parseLong(Files.readString(data.resolve("witnesses/w1/witness.pid")).trim());
        assertTrue(TC.server().stop(), TC.server().output());
        assertFalse(ProcessHandle.of(pid1).map(ProcessHandle::isAlive).orElse(false), "witness 1 stopped with TrustChain");
        assertTrue(TC.server().output().contains("Stopping the witnesses"), TC.server().output());
    }
}
