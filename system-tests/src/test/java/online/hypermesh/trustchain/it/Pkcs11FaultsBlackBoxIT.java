package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HSM's faults, black-box, on SoftHSM2: the token lost while TrustChain runs (its token
 * directory moved away) and back, unreachable at start and back, a wrong PIN, and a redeploy of the EAR finds the library loaded.
 * An issuance the HSM cannot sign answers 503 problem+json and stores nothing but its refusal's audit event;
 * /health names the token; the pool reconnects with no restart. Its own TrustChain, on port
 * offset 3900.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11FaultsBlackBoxIT {
    private static final int OFFSET = 3900;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final SoftHsmToken TOKEN = SoftHsmToken.initialize(Path.of(System.getProperty("trustchain.it.work", "target/it"))
            .toAbsolutePath().resolve("pkcs11-faults-softhsm"));
    private static final String HSM_REFUSALS = "select count(*) from audit_event where action = 'certificate.refused'"
            + " and details->>'reason' like '%HSM is unavailable%'";

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("pkcs11-faults", OFFSET, TOKEN.settings());
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    @Test
    @Order(1)
    void issuance_worksOnTheToken() throws Exception {
        Commands.run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key").expectSuccess();
        Commands.run(work, "openssl", "req", "-new", "-key", "leaf.key", "-subj", "/CN=faults.hypermesh.online", "-addext",
                "subjectAltName=DNS:faults.hypermesh.online", "-out", "leaf.csr").expectSuccess();
        assertEquals("201", issue().code(), issue().body());
        assertTrue(health().contains("\"crypto-token\":\"UP\""), health());
        // The sessions are WildFly's: the resource adapter's pool made them, and reports them.
        assertTrue(sessionPool("created_count") >= 1, "WildFly's pool of PKCS#11 sessions made the session that signed");
        assertEquals(0, sessionPool("destroyed_count"));
    }

    /**
     * The EAR redeployed in the running server (the deployment scanner's .dodeploy marker): the
     * PKCS#11 library and JNA are in a static module, so the new deployment finds them loaded and
     * initialized, and signs.
     */
    @Test
    @Order(2)
    void aRedeployOfTheEar_findsTheLibraryLoaded_andSigns() throws Exception {
        Path deployments = data.resolve("wildfly").resolve("deployments");
        Path log = data.resolve("wildfly").resolve("log").resolve("server.log");
        // WildFly dates the .deployed marker after the archive, so the log tells when the redeploy is done.
        long replacedBefore = replacements(log);
        Files.writeString(deployments.resolve("trustchain.ear.dodeploy"), "trustchain.ear");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (replacements(log) == replacedBefore) {
            assertFalse(Files.exists(deployments.resolve("trustchain.ear.failed")),
                    () -> "the redeploy failed: " + read(deployments.resolve("trustchain.ear.failed")));
            assertTrue(System.nanoTime() < deadline, "the EAR was not redeployed within 180 s");
            Thread.sleep(500);
        }
        assertFalse(Files.exists(deployments.resolve("trustchain.ear.failed")), () -> read(deployments.resolve("trustchain.ear.failed")));
        awaitHealthUp();
        Issued issued = issue();
        assertEquals("201", issued.code(), issued.body());
    }

    @Test
    @Order(3)
    void theHsmLostWhileRunning_refusesWith503AndNothingStored_andTheTokenReconnectsWhenItIsBack() throws Exception {
        long certificates = TC.count("select count(*) from certificate");
        long refusals = TC.count(HSM_REFUSALS);
        TOKEN.hide();
        try {
            Issued refused = issue();
            assertEquals("503", refused.code(), refused.body());
            assertEquals("application/problem+json", refused.contentType(), refused.body());
            assertTrue(refused.body().contains("HSM is unavailable") && refused.body().contains("'" + SoftHsmToken.LABEL + "'"), refused.body());
            assertEquals(certificates, TC.count("select count(*) from certificate"), "no certificate row, no reservation");
            assertEquals(refusals + 1, TC.count(HSM_REFUSALS), "the refusal is audited");
            String health = health();
            assertTrue(health.contains("\"status\":\"DOWN\"") && health.contains("\"crypto-token\":\"DOWN: the HSM is unavailable")
                    && health.contains("'" + SoftHsmToken.LABEL + "'"), health);
        } finally {
            TOKEN.restore();
        }
        awaitHealthUp();
        assertEquals("201", issue().code(), "no restart needed");
        assertTrue(sessionPool("destroyed_count") >= 1, "the pool dropped the sessions of the lost token");
        assertEquals(certificates + 1, TC.count("select count(*) from certificate"), "one certificate, the one issued after the reconnect");
    }

    @Test
    @Order(4)
    void theHsmUnreachableAtStart_healthSaysSo_issuanceRefuses_andTheStartCompletesWhenItIsBack() throws Exception {
        long certificates = TC.count("select count(*) from certificate");
        assertTrue(TC.server().stop());
        TOKEN.hide();
        CompletableFuture<Void> started;
        try {
            started = TC.startAgainInBackground();
            String health = awaitHealth(h -> h.contains("\"crypto-token\":\"DOWN"));
            assertTrue(health.contains("HSM is unavailable") && health.contains("'" + SoftHsmToken.LABEL + "'"), health);
            assertFalse(started.isDone(), "not ready while the HSM is away");
            Issued refused = issue();
            assertEquals("503", refused.code(), refused.body());
            assertEquals("application/problem+json", refused.contentType(), refused.body());
            assertEquals(certificates, TC.count("select count(*) from certificate"), "nothing half-written");
        } finally {
            TOKEN.restore();
        }
        started.get(120, TimeUnit.SECONDS);
        assertTrue(health().contains("\"status\":\"UP\""), health());
        Issued issued = issue();
        assertEquals("201", issued.code(), issued.body());
        List<String> pems = Commands.pemBlocks(issued.body());
        Files.writeString(work.resolve("leaf.pem"), pems.get(0));
        Files.writeString(work.resolve("intermediate.pem"), pems.get(1));
        String verify = Commands.run(work, "openssl", "verify", "-CAfile", data.resolve("root.pem").toString(), "-untrusted", "intermediate.pem",
                "leaf.pem").expectSuccess().out();
        assertTrue(verify.contains("leaf.pem: OK"), verify);
    }

    @Test
    @Order(5)
    void aWrongPin_stopsTheStartWithAnErrorNamingTheSetting() throws Exception {
        assertTrue(TC.server().stop());
        Map<String, String> settings = new HashMap<>(TOKEN.settings());
        settings.put("TRUSTCHAIN_PKCS11_PIN_FILE", TOKEN.pinFile("wrong-pin", "not-the-pin-9876").toString());
        RunningTrustChain.Failed failed = RunningTrustChain.startExpectingFailure(data, OFFSET, settings);
        String out = failed.output();
        assertNotEquals(0, failed.exitCode(), out);
        assertTrue(out.contains("TrustChain failed to deploy"), out);
        assertTrue(out.contains("refused the PIN (CKR_PIN_INCORRECT): check the setting trustchain.pkcs11.pin.file (environment TRUSTCHAIN_PKCS11_PIN_FILE)"),
                out);
        assertFalse(out.contains("not-the-pin-9876"), "the PIN is never repeated:\n" + out);
        // The launcher's own report: the reason in one line, then where the marker is; no stack frames in between.
        List<String> lines = out.lines().toList();
        int at = lines.indexOf(lines.stream().filter(l -> l.contains("TrustChain failed to deploy")).findFirst().orElseThrow());
        assertTrue(lines.get(at).contains("check the setting trustchain.pkcs11.pin.file"), lines.get(at));
        assertTrue(lines.get(at + 1).trim().startsWith("("), "a sentence, not a stack trace:\n" + lines.get(at) + "\n" + lines.get(at + 1));
    }

    /** How often server.log says WFLYSRV0016 (a deployment replaced by its redeploy). */
    private static long replacements(Path log) throws java.io.IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("WFLYSRV0016: Replaced deployment \"trustchain.ear\"")).count();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    record Issued(String code, String contentType, String body) {
    }

    private static Issued issue() throws Exception {
        Files.deleteIfExists(work.resolve("reply"));
        Commands.Result post = TC.curl("-o", "reply", "-w", "%{http_code} %{content_type}", "-H", "Authorization: Bearer " + TC.token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@leaf.csr", BASE + "/api/v1/ca/certificates?profile=server")
                .expectSuccess();
        String[] parts = post.out().split(" ", 2);
        String type = parts.length > 1 ? parts[1].split(";")[0].trim() : "";
        return new Issued(parts[0], type, Files.exists(work.resolve("reply")) ? Files.readString(work.resolve("reply")) : "");
    }

    /**
     * A figure of WildFly's pool of the HSM's sessions (the hsm-connector resource adapter's connection
     * definition), from the management interface's /metrics (resource_adapters_pool_*).
     */
    private static double sessionPool(String figure) {
        String metrics = Commands.run(work, "curl", "-sS", "--fail", "http://127.0.0.1:" + (9990 + OFFSET) + "/metrics").expectSuccess().out();
        String prefix = "resource_adapters_pool_" + figure + "{";
        return metrics.lines().filter(l -> l.startsWith(prefix) && l.contains("name=\"pkcs11\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("WildFly reports no " + prefix + "...name=\"pkcs11\"} in /metrics"));
    }

    private static String health() {
        return TC.curl(BASE + "/health").out();
    }

    private static void awaitHealthUp() throws Exception {
        awaitHealth(h -> h.contains("\"status\":\"UP\""));
    }

    /** /health's body once it satisfies {@code condition} (polled for up to 240 s: a start deploys first). */
    private static String awaitHealth(java.util.function.Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        String last = "";
        while (System.nanoTime() < deadline) {
            Commands.Result r = TC.curl(BASE + "/health");
            last = r.out() + r.err();
            if (r.exit() == 0 && condition.test(r.out())) {
                return r.out();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("/health never got there; last:\n" + last);
    }
}
