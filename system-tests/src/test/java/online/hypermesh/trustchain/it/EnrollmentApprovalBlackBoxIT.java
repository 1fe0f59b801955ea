package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Four-eyes approvals seen through the enrollment protocols, with their real clients: issuance
 * under the client and server profiles waits (TRUSTCHAIN_APPROVALS_ACTIONS=issuance,
 * TRUSTCHAIN_APPROVALS_ISSUANCE_PROFILES=client,server; SCEP, CMP and EST issue under client, ACME
 * under server). Each client runs in
 * the background and keeps polling while its request is pending (only the approval and its
 * audit event are stored meanwhile); a second officer approves through REST and the client
 * finishes with a certificate that verifies against the root, or refuses it and the client
 * fails in its protocol's form with nothing issued. Its own TrustChain, on port offset 4100.
 *
 * <ul>
 * <li>SCEP: micromdm's scepclient gets PENDING and sends its PKCSReq again every 30 s.</li>
 * <li>CMP: openssl cmp's p10cr gets a cp with status waiting and polls (pollReq, pollRep with
 * checkAfter) until the cp with the certificate, then certConf; a refusal is a cp with rejection.
 * An ir, which cannot wait yet, is refused at once with badRequest.</li>
 * <li>EST with curl: simpleenroll answers 202 with Retry-After, the same simpleenroll again 202
 * until approved, then 200 with the certificate; 403 once refused.</li>
 * <li>ACME with lego (http-01 on a high port, EAB): ACME issues under the server profile, which
 * waits too. The finalize answers the order processing with Retry-After; lego polls it until it
 * is valid and downloads the certificate with its chain, or fails on the invalid order's
 * unauthorized problem once refused.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrollmentApprovalBlackBoxIT {
    private static final int OFFSET = 4100;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String SCEP = "http://[::1]:" + (8080 + OFFSET) + "/scep";
    private static final String CMP = "[::1]:" + (8080 + OFFSET);
    /** As in ScepBlackBoxIT: Debian's scepclient refuses the default policy's UUID arc. */
    private static final String CLIENT_POLICY = "1.3.6.1.4.1.32473.7.1";
    /** lego needs a name its TLS check accepts: the listener's certificate carries localhost. */
    private static final String ACME = "https://localhost:" + (8443 + OFFSET) + "/acme/directory";
    private static final int HTTP01_PORT = 5080 + OFFSET;
    private static final int DNS_PORT = 8053 + OFFSET;

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("enrollment-approval-blackbox", OFFSET, Map.of(
            "TRUSTCHAIN_APPROVALS_ACTIONS", "issuance",
            "TRUSTCHAIN_APPROVALS_ISSUANCE_PROFILES", "client,server",
            "TRUSTCHAIN_CLIENT_POLICY_OID", CLIENT_POLICY,
            "TRUSTCHAIN_CMP_PROFILE", "client",
            "TRUSTCHAIN_ACME_HTTP01_PORT", Integer.toString(HTTP01_PORT),
            "TRUSTCHAIN_ACME_RESOLVERS", "[::1]:" + DNS_PORT));
    private static final Path work = TC.work();
    private static final Path data = TC.data();
    private static String officerA;
    private static String officerB;
    private static String cmpReference;
    private static String cmpSecret;
    private static String estToken;

    @Test
    @Order(1)
    void twoOfficers_andAnAccountForDevices() throws Exception {
        officerA = account("officer-a", "officer");
        officerB = account("officer-b", "officer");
        Files.writeString(work.resolve("devices.json"), "{\"name\": \"devices\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"dns\", "
                + "\"value\": \"devices.hypermesh.online\", \"subdomains\": true}], \"profiles\": [\"client\", \"server\"], \"regions\": [\"*\"]}");
        as(TC.token(), "-f", "-H", "Content-Type: application/json", "--data-binary", "@devices.json", BASE + "/api/v1/accounts").expectSuccess();
    }

    @Test
    @Order(10)
    void scep_pendingUntilASecondOfficerApproves_thenScepclientGetsTheCertificate() throws Exception {
        String name = "approved.devices.hypermesh.online";
        Background client = scepclient("scep-approved", challenge(), name);
        String id = pendingApproval("scep:");
        assertEquals(0, certificatesOf(name), "nothing is issued while the request waits");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'approval.requested' and object_id = '" + id + "'"));
        String shown = as(officerA, "-f", BASE + "/api/v1/approvals/" + id).expectSuccess().out();
        assertEquals("devices", field(shown, "requested_by"));
        assertTrue(shown.contains("\"profile\":\"client\"") && shown.contains(name), shown);
        TimeUnit.SECONDS.sleep(1);
        assertTrue(client.running(), "scepclient keeps polling while PENDING: " + client.output());

        String approved = as(officerB, "-f", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve").expectSuccess().out();
        assertEquals("approved", field(approved, "status"));
        String serial = field(approved, "serial");

        Commands.Result done = client.await(90);
        assertEquals(0, done.exit(), done.out() + done.err());
        Path cert = work.resolve("scep-approved").resolve("cert.pem");
        verify(cert, name);
        assertEquals(serial, serialOf(cert));
        assertEquals(1, certificatesOf(name), "issued once, by the approval");
        assertEquals(1, TC.count("select count(*) from scep_transaction where certificate_serial = '" + serial + "'"),
                "the transaction records it, so a later CertPoll finds it");
    }

    @Test
    @Order(11)
    void scep_refused_scepclientGetsFailureBadRequest_andNothingIsIssued() throws Exception {
        String name = "refused.devices.hypermesh.online";
        Background client = scepclient("scep-refused", challenge(), name);
        String id = pendingApproval("scep:");
        Files.writeString(work.resolve("refuse.json"), "{\"reason\": \"not one of our devices\"}");
        as(officerA, "-f", "-H", "Content-Type: application/json", "--data-binary", "@refuse.json",
                BASE + "/api/v1/approvals/" + id + "/refuse").expectSuccess();

        Commands.Result done = client.await(90);
        assertNotEquals(0, done.exit(), done.out() + done.err());
        String said = done.out() + done.err();
        assertTrue(said.contains("FAILURE") || said.contains("badRequest") || said.contains("failInfo"), said);
        assertEquals(0, certificatesOf(name));
        assertTrue(Files.notExists(work.resolve("scep-refused").resolve("cert.pem")));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'scep.refused' and details::text like '%" + id + "%'"));
    }

    @Test
    @Order(20)
    void cmp_p10crWaits_opensslPolls_andGetsTheCertificateOnceASecondOfficerApproves() throws Exception {
        String made = as(TC.token(), "-f", "-X", "POST", BASE + "/api/v1/accounts/devices/cmp-secrets").expectSuccess().out();
        cmpReference = field(made, "reference");
        cmpSecret = field(made, "secret");
        String name = "cmp-approved.devices.hypermesh.online";
        Path dir = csr("cmp-approved", name);
        Background client = Background.start(dir, cmp("-cmd", "p10cr", "-csr", "req.csr", "-certout", "cert.pem", "-extracertsout", "extra.pem"));
        String id = pendingApproval("cmp:");
        assertEquals(0, certificatesOf(name), "nothing is issued while the request waits");
        assertEquals(0, TC.count("select count(*) from cmp_transaction"), "no CMP state while it waits: only the approval");
        TimeUnit.SECONDS.sleep(6);
        assertTrue(client.running(), "openssl cmp keeps polling: " + client.output());

        String approved = as(officerB, "-f", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve").expectSuccess().out();
        String serial = field(approved, "serial");
        Commands.Result done = client.await(60);
        assertEquals(0, done.exit(), done.out() + done.err());
        Path cert = dir.resolve("cert.pem");
        verify(cert, name);
        assertEquals(serial, serialOf(cert));
        assertEquals(1, certificatesOf(name));
        assertEquals(1, TC.count("select count(*) from cmp_transaction where serial_number = '" + serial + "' and state = 'confirmed'"),
                "openssl confirmed it with certConf after polling");
    }

    @Test
    @Order(21)
    void cmp_refused_opensslGetsTheRejection_andNothingIsIssued() throws Exception {
        String name = "cmp-refused.devices.hypermesh.online";
        Path dir = csr("cmp-refused", name);
        Background client = Background.start(dir, cmp("-cmd", "p10cr", "-csr", "req.csr", "-certout", "cert.pem"));
        String id = pendingApproval("cmp:");
        Files.writeString(work.resolve("refuse-cmp.json"), "{\"reason\": \"unknown device\"}");
        as(officerA, "-f", "-H", "Content-Type: application/json", "--data-binary", "@refuse-cmp.json",
                BASE + "/api/v1/approvals/" + id + "/refuse").expectSuccess();
        Commands.Result done = client.await(60);
        assertNotEquals(0, done.exit(), done.out() + done.err());
        String said = done.out() + done.err();
        assertTrue(said.contains("rejection") && said.contains("badRequest"), said);
        assertEquals(0, certificatesOf(name));
        assertTrue(Files.notExists(dir.resolve("cert.pem")));
    }

    @Test
    @Order(22)
    void cmp_anIrCannotWait_andIsRefusedAtOnce_notIssuedUnapproved() throws Exception {
        String name = "cmp-ir.devices.hypermesh.online";
        Path dir = csr("cmp-ir", name);
        Commands.Result r = Commands.run(dir, cmp("-cmd", "ir", "-newkey", "key.pem", "-subject", "/CN=" + name, "-certout", "cert.pem"));
        assertNotEquals(0, r.exit(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("p10cr"), r.out() + r.err());
        assertEquals(0, certificatesOf(name));
    }

    @Test
    @Order(30)
    void est_simpleenrollAnswers202WithRetryAfter_untilApproved_thenTheSameRequestGetsTheCertificate() throws Exception {
        Files.writeString(work.resolve("est-token.json"), "{\"name\": \"est\"}");
        estToken = field(as(TC.token(), "-f", "-H", "Content-Type: application/json", "--data-binary", "@est-token.json",
                BASE + "/api/v1/accounts/devices/tokens").expectSuccess().out(), "token");
        String name = "est-approved.devices.hypermesh.online";
        Path dir = estCsr("est-approved", name);
        Commands.Result first = est(dir, "simpleenroll", "first");
        assertEquals("202", first.out(), read(dir, "first"));
        assertTrue(read(dir, "first.headers").toLowerCase().contains("retry-after: 5"), read(dir, "first.headers"));
        String id = pendingApproval("est:");
        assertEquals(0, certificatesOf(name));
        assertEquals("202", est(dir, "simpleenroll", "again").out(), "the same request while it waits");
        assertEquals(1, TC.count("select count(*) from approval where request->>'reference' like 'est:%'"), "held once");

        String serial = field(as(officerB, "-f", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve").expectSuccess().out(), "serial");
        assertEquals("200", est(dir, "simpleenroll", "done").out(), read(dir, "done"));
        Commands.run(dir, "sh", "-c", "base64 -d done | openssl pkcs7 -inform DER -print_certs -out cert.pem").expectSuccess();
        verify(dir.resolve("cert.pem"), name);
        assertEquals(serial, serialOf(dir.resolve("cert.pem")));
        assertEquals(1, certificatesOf(name), "issued once, by the approval");
    }

    @Test
    @Order(31)
    void est_refused_isA403_andNothingIsIssued() throws Exception {
        String name = "est-refused.devices.hypermesh.online";
        Path dir = estCsr("est-refused", name);
        assertEquals("202", est(dir, "simpleenroll", "first").out());
        String id = pendingApproval("est:");
        Files.writeString(work.resolve("refuse-est.json"), "{\"reason\": \"not ours\"}");
        as(officerA, "-f", "-H", "Content-Type: application/json", "--data-binary", "@refuse-est.json",
                BASE + "/api/v1/approvals/" + id + "/refuse").expectSuccess();
        assertEquals("403", est(dir, "simpleenroll", "refused").out());
        assertTrue(read(dir, "refused").contains("refused") && read(dir, "refused").contains("not ours"), read(dir, "refused"));
        assertEquals(0, certificatesOf(name));
        assertEquals("403", est(dir, "simpleenroll", "refused-again").out(), "that CSR stays refused");
    }

    @Test
    @Order(40)
    void acme_finalizeWaits_legoPollsTheProcessingOrder_andGetsTheCertificateOnceASecondOfficerApproves() throws Exception {
        String name = "acme-approved.devices.hypermesh.online";
        String requests = "select count(*) from certificate_request where requested_by = 'devices'";
        long requestsBefore = TC.count(requests);
        Background client = lego("acme-approved", name, 120);
        String id = pendingApproval("acme:");
        String shown = as(officerA, "-f", BASE + "/api/v1/approvals/" + id).expectSuccess().out();
        String order = field(shown, "reference").substring("acme:".length());
        assertTrue(shown.contains("\"profile\":\"server\"") && shown.contains(name), shown);
        assertEquals("devices", field(shown, "requested_by"));
        assertEquals("processing", TC.text("select status from acme_order where id = '" + order + "'"));
        assertEquals(0, certificatesOf(name), "nothing is issued while the order waits");
        assertEquals(requestsBefore, TC.count(requests), "no request stored but the approval");
        TimeUnit.SECONDS.sleep(7);
        assertTrue(client.running(), "lego keeps polling the processing order: " + client.output());
        assertEquals("processing", TC.text("select status from acme_order where id = '" + order + "'"));

        String approved = as(officerB, "-f", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve").expectSuccess().out();
        String serial = field(approved, "serial");
        Commands.Result done = client.await(90);
        assertEquals(0, done.exit(), done.out() + done.err());
        Path cert = work.resolve("acme-approved").resolve("certificates").resolve(name + ".crt");
        // lego's .crt is what the order's certificate URL served: the certificate and its chain.
        assertTrue(Commands.pemBlocks(Files.readString(cert)).size() >= 2, Files.readString(cert));
        Commands.Result verify = Commands.run(work, "openssl", "verify", "-CAfile", data.resolve("root.pem").toString(),
                "-untrusted", cert.toString(), cert.toString()).expectSuccess();
        assertTrue(verify.out().contains(": OK"), verify.out());
        String text = Commands.run(work, "openssl", "x509", "-in", cert.toString(), "-noout", "-text").expectSuccess().out();
        assertTrue(text.contains("DNS:" + name) && text.contains("TLS Web Server Authentication"), text);
        assertEquals(serial, serialOf(cert));
        assertEquals(1, certificatesOf(name), "issued once, by the approval");
        assertEquals(serial, TC.text("select certificate_serial from acme_order where id = '" + order + "' and status = 'valid'"));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.order.valid' and object_id = '" + order + "'"));
    }

    @Test
    @Order(41)
    void acme_refused_legoFailsOnTheInvalidOrdersProblem_andNothingIsIssued() throws Exception {
        String name = "acme-refused.devices.hypermesh.online";
        // This lego polls an invalid order on until its timeout and then fails with the order's problem; a short one.
        Background client = lego("acme-refused", name, 25);
        String id = pendingApproval("acme:");
        Files.writeString(work.resolve("refuse-acme.json"), "{\"reason\": \"no such web site\"}");
        as(officerA, "-f", "-H", "Content-Type: application/json", "--data-binary", "@refuse-acme.json",
                BASE + "/api/v1/approvals/" + id + "/refuse").expectSuccess();
        String order = TC.text("select substr(request->>'reference', 6) from approval where id = " + id);
        String status = "select count(*) from acme_order where id = '" + order + "' and status = 'invalid'";
        for (int i = 0; i < 40 && TC.count(status) == 0; i++) {
            TimeUnit.MILLISECONDS.sleep(500);
        }
        assertEquals(1, TC.count(status), "lego's next poll finds the order invalid");
        assertTrue(TC.text("select error from acme_order where id = '" + order + "'").contains("no such web site"));
        Commands.Result done = client.await(90);
        assertNotEquals(0, done.exit(), done.out() + done.err());
        String said = done.out() + done.err();
        assertTrue(said.contains("urn:ietf:params:acme:error:unauthorized") && said.contains("no such web site"), said);
        assertEquals(0, certificatesOf(name));
        assertTrue(Files.notExists(work.resolve("acme-refused").resolve("certificates").resolve(name + ".crt")));
    }

    // --- helpers ---

    /**
     * lego run in the background for {@code name} (resolved by the mesh DNS to ::1, where lego's
     * http-01 server listens) with a fresh EAB key of the devices account; it waits {@code timeout}
     * seconds for the order's certificate.
     */
    private static Background lego(String dir, String name, int timeout) throws Exception {
        Files.writeString(work.resolve("aaaa.json"), "{\"aaaa\": [\"::1\"]}");
        as(TC.token(), "-f", "-X", "PUT", "-H", "Content-Type: application/json", "--data-binary", "@aaaa.json",
                BASE + "/api/v1/dns/records/" + name).expectSuccess();
        String answer = "";
        for (int i = 0; i < 40 && !answer.equals("::1"); i++) {
            answer = Commands.run(work, "dig", "@::1", "-p", Integer.toString(DNS_PORT), "+short", "AAAA", name).expectSuccess().out().trim();
            if (!answer.equals("::1")) {
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        assertEquals("::1", answer, "the mesh DNS answers " + name);
        String eab = as(TC.token(), "-f", "-X", "POST", BASE + "/api/v1/accounts/devices/acme-eab").expectSuccess().out();
        Path d = work.resolve(dir);
        Files.createDirectories(d);
        return Background.start(d, List.of("lego", "--server", ACME, "--accept-tos", "--path", d.toString(), "--email", "ops@" + name,
                "--eab", "--kid", field(eab, "kid"), "--hmac", field(eab, "hmac_key"), "--http", "--http.port", ":" + HTTP01_PORT,
                "--cert.timeout", Integer.toString(timeout), "--domains", name, "run"), Map.of("LEGO_CA_CERTIFICATES", data.resolve("root.pem").toString()));
    }

    /** A key and a base64 DER CSR (req.b64) for {@code name}, as EST wants it. */
    private static Path estCsr(String dir, String name) throws IOException {
        Path d = csr(dir, name);
        Commands.run(d, "sh", "-c", "openssl req -in req.csr -outform DER | base64 -w0 > req.b64").expectSuccess();
        return d;
    }

    /** curl POSTing req.b64 to the client label's {@code operation} with the devices account's token; the HTTP status, body in {@code out}. */
    private static Commands.Result est(Path dir, String operation, String out) {
        return Commands.run(dir, "curl", "-sS", "--cacert", data.resolve("root.pem").toString(), "-u", "devices:" + estToken,
                "-D", out + ".headers", "-o", out, "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@req.b64",
                BASE + "/.well-known/est/client/" + operation).expectSuccess();
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file));
    }

    /** A directory with an EC key (key.pem) and a CSR for {@code name} (req.csr). */
    private static Path csr(String dir, String name) throws IOException {
        Path d = work.resolve(dir);
        Files.createDirectories(d);
        Commands.run(d, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem").expectSuccess();
        Commands.run(d, "openssl", "req", "-new", "-key", "key.pem", "-subj", "/CN=" + name, "-out", "req.csr").expectSuccess();
        return d;
    }

    /** openssl cmp with the devices account's shared secret; it polls a waiting request for up to two minutes. */
    private static List<String> cmp(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl", "cmp", "-server", CMP, "-path", "pkix/", "-unprotected_errors",
                "-ref", cmpReference, "-secret", "pass:" + cmpSecret, "-total_timeout", "120"));
        command.addAll(List.of(args));
        return command;
    }

    private static String challenge() throws Exception {
        return field(as(TC.token(), "-f", "-X", "POST", BASE + "/api/v1/accounts/devices/scep-challenges").expectSuccess().out(), "challenge");
    }

    private static Background scepclient(String dir, String challenge, String name) throws IOException {
        Path d = work.resolve(dir);
        Files.createDirectories(d);
        return Background.start(d, List.of("scepclient", "-server-url=" + SCEP, "-private-key", d.resolve("key.pem").toString(),
                "-certificate", d.resolve("cert.pem").toString(), "-challenge", challenge, "-cn", name));
    }

    /** The id of the one pending approval whose reference starts with {@code prefix}, once the client's request made it (60 s at most). */
    private static String pendingApproval(String prefix) throws Exception {
        String sql = "select count(*) from approval where status = 'pending' and request->>'reference' like '" + prefix + "%'";
        for (int i = 0; i < 120 && TC.count(sql) == 0; i++) {
            TimeUnit.MILLISECONDS.sleep(500);
        }
        assertEquals(1, TC.count(sql), "one pending approval for " + prefix);
        return TC.text("select id from approval where status = 'pending' and request->>'reference' like '" + prefix + "%'");
    }

    private static long certificatesOf(String name) throws Exception {
        return TC.count("select count(*) from certificate c join certificate_request r on r.id = c.request_id"
                + " where r.requested_by = 'devices' and c.subject like '%" + name + "%'");
    }

    private static void verify(Path certificate, String name) throws Exception {
        String intermediate = Commands.curl(work, data, "-f", BASE + "/api/v1/ca/cert").expectSuccess().out();
        Files.writeString(work.resolve("intermediate.pem"), intermediate);
        Commands.Result verify = Commands.run(work, "openssl", "verify", "-CAfile", data.resolve("root.pem").toString(),
                "-untrusted", "intermediate.pem", certificate.toString()).expectSuccess();
        assertTrue(verify.out().contains(": OK"), verify.out());
        String text = Commands.run(work, "openssl", "x509", "-in", certificate.toString(), "-noout", "-text").expectSuccess().out();
        assertTrue(text.contains("DNS:" + name) && text.contains("TLS Web Client Authentication"), text);
    }

    private static String serialOf(Path certificate) {
        String serial = Commands.run(work, "openssl", "x509", "-in", certificate.toString(), "-noout", "-serial").expectSuccess().out().trim();
        return serial.substring(serial.indexOf('=') + 1).toLowerCase().replaceFirst("^0+(?=.)", "");
    }

    private static String account(String name, String role) throws Exception {
        Files.writeString(work.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"roles\": [\"" + role + "\"]}");
        as(TC.token(), "-f", "-H", "Content-Type: application/json", "--data-binary", "@" + name + ".json", BASE + "/api/v1/accounts").expectSuccess();
        Files.writeString(work.resolve(name + "-token.json"), "{\"name\": \"it\"}");
        return field(as(TC.token(), "-f", "-H", "Content-Type: application/json", "--data-binary", "@" + name + "-token.json",
                BASE + "/api/v1/accounts/" + name + "/tokens").expectSuccess().out(), "token");
    }

    private static Commands.Result as(String token, String... args) {
        List<String> all = new ArrayList<>(List.of("-H", "Authorization: Bearer " + token));
        all.addAll(List.of(args));
        return Commands.curl(work, data, all.toArray(String[]::new));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    /** A client that polls by itself, run in the background with its output in files (a chatty client cannot block). */
    private record Background(Process process, Path out, Path err) {
        static Background start(Path dir, List<String> command) throws IOException {
            return start(dir, command, Map.of());
        }

        static Background start(Path dir, List<String> command, Map<String, String> environment) throws IOException {
            Path out = dir.resolve("client.out");
            Path err = dir.resolve("client.err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(environment);
            Process p = pb.start();
            return new Background(p, out, err);
        }

        boolean running() {
            return process.isAlive();
        }

        String output() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
        }

        Commands.Result await(int seconds) throws Exception {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the client did not finish in " + seconds + " s: " + output());
            }
            return new Commands.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
