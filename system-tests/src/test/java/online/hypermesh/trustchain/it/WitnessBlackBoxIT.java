package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The witnessed log as a user of {@code ./trustchain run} sees it: four witness processes next to
 * TrustChain, each checkpoint at /checkpoint cosigned by them (cosignatures verified with
 * golang.org/x/mod/sumdb/note), confirmed with 3 of 4 when one is stopped and not with 2 of 4,
 * health and metrics per witness, and every witness stopped with TrustChain. Port offset 1400
 * (witnesses on 8370-8373).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WitnessBlackBoxIT {
    private static final int OFFSET = 1400;
    private static final String API = "https://[::1]:" + (8443 + OFFSET);
    private static final String CT = "https://[::1]:" + (6962 + OFFSET);
    private static final String METRICS = "http://127.0.0.1:" + (9990 + OFFSET) + "/metrics";
    private static final long WAIT_MS = 30_000;
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
                "--log", CT + "/", "--origin", origin, "--log-key", key.group(1)));
        for (int n = 1; n <= 4; n++) {
            cmd.addAll(List.of("--witness", verifierKey(n) + "=http://127.0.0.1:" + witnessPort(n) + "/"));
        }
        return Commands.run(work, cmd);
    }

    private static void stopWitness(int n) throws Exception {
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
        assertEquals(Map.of("chain", "pass", "validity", "pass", "ocsp", "pass", "sct", "pass", "inclusion", "pass", "quorum", "pass"),
                viaApi, api);
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
        // Not confirmed is not inconsistent: the monitor still sees one tree.
        Commands.Result monitor = monitorOnce(1, 2);
        assertEquals(0, monitor.exit(), monitor.out() + monitor.err());
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
