package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four-eyes approvals from outside, with curl and openssl: a revocation, an issuance under the
 * service profile and a change of an account's scopes wait for a second officer (202 with the
 * approval's location), change nothing meanwhile (OCSP still says good), are refused to their
 * requester and to an auditor (403), and take effect when another officer approves; a refused
 * approval changes nothing; both steps are in the audit trail; of two concurrent approvals one
 * carries the action out; revoke-all and the root's rollover (not an intermediate's) wait as well.
 * Its own TrustChain, on port offset 3600.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApprovalsBlackBoxIT {
    private static final int OFFSET = 3600;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String HTTP = "http://[::1]:" + (8080 + OFFSET);

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("approvals-blackbox", OFFSET, Map.of(
            "TRUSTCHAIN_APPROVALS_ACTIONS", "revoke,issuance,account-scopes,revoke-all,root-rollover",
            "TRUSTCHAIN_APPROVALS_ISSUANCE_PROFILES", "service"));
    private static final Path work = TC.work();
    private static final Path data = TC.data();
    private static String officerA;
    private static String officerB;
    private static String auditor;
    private static String serial;
    private static String revokeApproval;

    @Test
    @Order(1)
    void serverIssuance_isNotHeld_andTwoOfficersAndAnAuditorGetTokens() throws Exception {
        issue("leaf", "held-revocation.hypermesh.online");
        serial = serialOf("leaf.pem");
        assertTrue(ocsp("leaf.pem").contains("leaf.pem: good"));
        officerA = account("officer-a", "officer");
        officerB = account("officer-b", "officer");
        auditor = account("auditor-c", "auditor");
    }

    @Test
    @Order(2)
    void revoke_answers202WithTheApproval_andNothingIsRevokedYet() throws Exception {
        Files.writeString(work.resolve("revoke.json"), "{\"reason\":\"keyCompromise\"}");
        Commands.Result r = as(officerA, "-D", "revoke.headers", "-o", "revoke-202.json", "-w", "%{http_code} %{content_type}",
                "-H", "Content-Type: application/json", "--data-binary", "@revoke.json", BASE + "/api/v1/ca/certificates/" + serial + "/revoke");
        String body = Files.readString(work.resolve("revoke-202.json"));
        assertEquals("202 application/json", r.expectSuccess().out(), body);
        revokeApproval = numberField(body, "id");
        String headers = Files.readString(work.resolve("revoke.headers")).toLowerCase(Locale.ROOT);
        assertTrue(headers.contains("location: /api/v1/approvals/" + revokeApproval + "\r\n")
                || headers.contains("location: " + BASE.toLowerCase(Locale.ROOT) + "/api/v1/approvals/" + revokeApproval + "\r\n"), headers);
        assertEquals("revoke", field(body, "action"));
        assertEquals("pending", field(body, "status"));
        assertEquals("officer-a", field(body, "requested_by"));
        assertTrue(field(body, "summary").contains(serial) && field(body, "summary").contains("keyCompromise"), body);
        assertTrue(body.contains("\"request\":{") && body.contains("\"serial\":\"" + serial + "\""), body);
        assertTrue(body.contains("\"decided_by\":null") && body.contains("\"result\":null"), body);

        assertTrue(ocsp("leaf.pem").contains("leaf.pem: good"), "nothing is revoked before the approval");
        String details = as(officerA, "-f", BASE + "/api/v1/ca/certificates/" + serial).expectSuccess().out();
        assertEquals("valid", field(details, "status"));

        String pending = as(auditor, "-f", BASE + "/api/v1/approvals").expectSuccess().out();
        assertTrue(pending.startsWith("{\"approvals\":[") && pending.contains("\"id\":" + revokeApproval + ","), pending);
        String one = as(auditor, "-f", BASE + "/api/v1/approvals/" + revokeApproval).expectSuccess().out();
        assertEquals("pending", field(one, "status"));
    }

    @Test
    @Order(3)
    void theRequester_andAnAuditor_cannotApprove() throws Exception {
        assertTrue(assertProblem(as(officerA, "-o", "own.json", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/approvals/" + revokeApproval + "/approve"), "own.json", "403", "forbidden").contains("second officer"));
        assertProblem(as(auditor, "-o", "auditor.json", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/approvals/" + revokeApproval + "/approve"), "auditor.json", "403", "forbidden");
        assertEquals("pending", field(as(officerB, "-f", BASE + "/api/v1/approvals/" + revokeApproval).expectSuccess().out(), "status"));
        assertTrue(ocsp("leaf.pem").contains("leaf.pem: good"));
    }

    @Test
    @Order(4)
    void theSecondOfficerApproves_ocspSaysRevoked_andTheAuditTrailHasBothSteps() throws Exception {
        Commands.Result r = as(officerB, "-o", "approved.json", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/approvals/" + revokeApproval + "/approve");
        String body = Files.readString(work.resolve("approved.json"));
        assertEquals("200", r.expectSuccess().out(), body);
        assertEquals("approved", field(body, "status"));
        assertEquals("officer-b", field(body, "decided_by"));
        assertTrue(body.contains("\"result\":{") && body.contains("\"certificate_status\":\"revoked\""), body);

        String ocsp = ocsp("leaf.pem");
        assertTrue(ocsp.contains("leaf.pem: revoked") && ocsp.contains("Reason: keyCompromise"), ocsp);

        assertProblem(as(officerB, "-o", "again.json", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/approvals/" + revokeApproval + "/approve"), "again.json", "409", "conflict");

        String requested = auditEvents("approval.requested");
        assertTrue(requested.contains("\"actor\":\"officer-a\"") && requested.contains("\"object_id\":\"" + revokeApproval + "\""), requested);
        String approved = auditEvents("approval.approved");
        assertTrue(approved.contains("\"actor\":\"officer-b\"") && approved.contains("\"object_id\":\"" + revokeApproval + "\""), approved);
        String revoked = auditEvents("certificate.revoked");
        assertTrue(revoked.contains("\"object_id\":\"" + serial + "\"") && revoked.contains("\"actor\":\"officer-a\""),
                "the revocation is carried out as its requester: " + revoked);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.revoked' and object_id = '" + serial + "'"));
    }

    @Test
    @Order(5)
    void aRefusedApproval_changesNothing() throws Exception {
        issue("kept", "kept.hypermesh.online");
        String kept = serialOf("kept.pem");
        String body = as(officerA, "-f", "-H", "Content-Type: application/json", "--data-binary", "@revoke.json",
                BASE + "/api/v1/ca/certificates/" + kept + "/revoke").expectSuccess().out();
        String id = numberField(body, "id");
        assertProblem(as(officerB, "-o", "no-reason.json", "-w", "%{http_code}", "-H", "Content-Type: application/json", "-d", "{}",
                BASE + "/api/v1/approvals/" + id + "/refuse"), "no-reason.json", "400", "malformed-request");
        Files.writeString(work.resolve("refuse.json"), "{\"reason\":\"the key is safe; the owner confirmed\"}");
        String refused = as(officerB, "-f", "-H", "Content-Type: application/json", "--data-binary", "@refuse.json",
                BASE + "/api/v1/approvals/" + id + "/refuse").expectSuccess().out();
        assertEquals("refused", field(refused, "status"));
        assertEquals("the key is safe; the owner confirmed", field(refused, "reason"));
        assertProblem(as(officerB, "-o", "late.json", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve"),
                "late.json", "409", "conflict");

        assertTrue(ocsp("kept.pem").contains("kept.pem: good"));
        assertEquals(0, TC.count("select count(*) from audit_event where action = 'certificate.revoked' and object_id = '" + kept + "'"));
        String events = auditEvents("approval.refused");
        assertTrue(events.contains("\"object_id\":\"" + id + "\"") && events.contains("\"actor\":\"officer-b\""), events);
        String list = as(auditor, "-f", BASE + "/api/v1/approvals?status=refused").expectSuccess().out();
        assertTrue(list.contains("\"id\":" + id + ",") && !list.contains("\"id\":" + revokeApproval + ","), list);
    }

    @Test
    @Order(6)
    void issuanceUnderAHeldProfile_answers202_thenTheCertificateAfterApproval() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "svc.key");
        openssl("req", "-new", "-key", "svc.key", "-subj", "/CN=svc.hypermesh.online", "-out", "svc.csr");
        long before = TC.count("select count(*) from certificate");
        Commands.Result r = as(TC.token(), "-o", "svc-202.json", "-w", "%{http_code} %{content_type}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@svc.csr", BASE + "/api/v1/ca/certificates?profile=service&validity_hours=48");
        String body = Files.readString(work.resolve("svc-202.json"));
        assertEquals("202 application/json", r.expectSuccess().out(), body);
        assertEquals("issuance", field(body, "action"));
        assertTrue(body.contains("\"profile\":\"service\"") && body.contains("\"validity_hours\":48")
                && body.contains("BEGIN CERTIFICATE REQUEST"), body);
        String id = numberField(body, "id");
        assertEquals(before, TC.count("select count(*) from certificate"), "nothing is issued before the approval");

        // a bad CSR is refused at once, as without approvals, and stores nothing
        Files.writeString(work.resolve("bad.csr"), "not a CSR");
        long approvals = TC.count("select count(*) from approval");
        assertProblem(as(TC.token(), "-o", "bad.json", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@bad.csr",
                BASE + "/api/v1/ca/certificates?profile=service"), "bad.json", "400", "malformed-request");
        assertEquals(approvals, TC.count("select count(*) from approval"));

        String approved = as(officerA, "-f", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve").expectSuccess().out();
        assertEquals("approved", field(approved, "status"));
        String issued = field(approved, "serial");
        assertEquals("/api/v1/ca/certificates/" + issued, field(approved, "location"));
        String details = as(TC.token(), "-f", BASE + "/api/v1/ca/certificates/" + issued).expectSuccess().out();
        assertEquals("valid", field(details, "status"));
        assertEquals("service", field(details, "profile"));
        String pem = field(details, "certificate").replace("\\n", "\n");
        Files.writeString(work.resolve("svc.pem"), pem);
        String text = openssl("x509", "-in", "svc.pem", "-noout", "-subject", "-dates", "-pubkey").out();
        assertTrue(text.contains("svc.hypermesh.online"), text);
        String key = openssl("pkey", "-in", "svc.key", "-pubout").out();
        assertTrue(text.contains(key.trim()), "the certificate is for the held CSR's key");
    }

    @Test
    @Order(7)
    void anApprovedActionThatCannotBeCarriedOut_becomesFailed_withTheProblem() throws Exception {
        String body = as(officerA, "-f", "-H", "Content-Type: application/json", "--data-binary", "@revoke.json",
                BASE + "/api/v1/ca/certificates/" + serial + "/revoke").expectSuccess().out();
        String id = numberField(body, "id");
        String problem = assertProblem(as(officerB, "-o", "failed.json", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/approvals/" + id + "/approve"), "failed.json", "409", "conflict");
        assertTrue(problem.contains("already revoked"), problem);
        String failed = as(auditor, "-f", BASE + "/api/v1/approvals/" + id).expectSuccess().out();
        assertEquals("failed", field(failed, "status"));
        assertTrue(field(failed, "reason").contains("already revoked"), failed);
        assertTrue(auditEvents("approval.failed").contains("\"object_id\":\"" + id + "\""));
    }

    @Test
    @Order(8)
    void aScopeChange_waits_thenTakesEffect() throws Exception {
        Files.writeString(work.resolve("payments.json"), "{\"name\": \"payments\", \"roles\": [\"issuer\"],"
                + " \"scopes\": [{\"type\": \"dns\", \"value\": \"payments.hypermesh.online\", \"subdomains\": true, \"wildcard\": false}]}");
        as(TC.token(), "-f", "-H", "Content-Type: application/json", "--data-binary", "@payments.json", BASE + "/api/v1/accounts").expectSuccess();
        Files.writeString(work.resolve("scopes.json"),
                "{\"scopes\": [{\"type\": \"dns\", \"value\": \"billing.hypermesh.online\", \"subdomains\": true, \"wildcard\": false}]}");
        Commands.Result r = as(TC.token(), "-o", "scopes-202.json", "-w", "%{http_code}", "-X", "PATCH", "-H", "Content-Type: application/json",
                "--data-binary", "@scopes.json", BASE + "/api/v1/accounts/payments");
        String body = Files.readString(work.resolve("scopes-202.json"));
        assertEquals("202", r.expectSuccess().out(), body);
        assertEquals("account-scopes", field(body, "action"));
        String id = numberField(body, "id");
        assertFalse(as(TC.token(), "-f", BASE + "/api/v1/accounts/payments").expectSuccess().out().contains("billing"));

        as(officerB, "-f", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve").expectSuccess();
        String account = as(TC.token(), "-f", BASE + "/api/v1/accounts/payments").expectSuccess().out();
        assertTrue(account.contains("billing.hypermesh.online") && !account.contains("payments.hypermesh.online"), account);
    }

    @Test
    @Order(9)
    void unknownIds_andBadStatus_areProblems() throws Exception {
        assertProblem(as(officerB, "-o", "unknown.json", "-w", "%{http_code}", BASE + "/api/v1/approvals/999999"), "unknown.json", "404", "not-found");
        assertProblem(as(officerB, "-o", "word.json", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/approvals/abc/approve"),
                "word.json", "404", "not-found");
        assertProblem(as(officerB, "-o", "status.json", "-w", "%{http_code}", BASE + "/api/v1/approvals?status=done"), "status.json", "400",
                "malformed-request");
        String all = as(officerB, "-f", BASE + "/api/v1/approvals?status=all").expectSuccess().out();
        assertEquals(5, Pattern.compile("\"action\":").matcher(all).results().count(), all);
        long events = TC.count("select count(*) from audit_event where action like 'approval.%'");
        assertEquals(5 + 3 + 1 + 1, events, "5 requested, 3 approved, 1 refused, 1 failed (its approval rolled back with the refused revocation)");
        String emergency = Files.readString(data.resolve("emergency-token")).trim();
        assertProblem(as(emergency, "-o", "emergency.json", "-w", "%{http_code}", BASE + "/api/v1/approvals"), "emergency.json", "403", "forbidden");
    }

    @Test
    @Order(10)
    void twoConcurrentApprovals_carryTheActionOutOnce() throws Exception {
        issue("raced", "raced.hypermesh.online");
        String raced = serialOf("raced.pem");
        String id = numberField(as(officerA, "-f", "-H", "Content-Type: application/json", "--data-binary", "@revoke.json",
                BASE + "/api/v1/ca/certificates/" + raced + "/revoke").expectSuccess().out(), "id");
        List<String> codes = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (String token : List.of(officerB, TC.token())) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    codes.add(as(token, "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve")
                            .expectSuccess().out());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of("200", "409"), codes.stream().sorted().toList());
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.revoked' and object_id = '" + raced + "'"));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'approval.approved' and object_id = '" + id + "'"));
        assertTrue(ocsp("raced.pem").contains("raced.pem: revoked"));
    }

    @Test
    @Order(11)
    void revokeAll_waits_thenRevokesTheIssuer() throws Exception {
        String issuer = field(as(officerA, "-f", BASE + "/api/v1/ca/certificates/" + serialOf("kept.pem")).expectSuccess().out(), "issuer");
        String emergency = Files.readString(data.resolve("emergency-token")).trim();
        Files.writeString(work.resolve("revoke-all.json"), "{\"issuer\": \"" + issuer + "\", \"reason\": \"cACompromise\"}");
        Commands.Result r = as(emergency, "-o", "revoke-all-202.json", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@revoke-all.json", BASE + "/api/v1/ca/revoke-all");
        String body = Files.readString(work.resolve("revoke-all-202.json"));
        assertEquals("202", r.expectSuccess().out(), body);
        assertEquals("revoke-all", field(body, "action"));
        String id = numberField(body, "id");
        assertTrue(ocsp("kept.pem").contains("kept.pem: good"));
        assertEquals("null", TC.text("select coalesce(issuance_stopped_at::text, 'null') from certificate_authority where id = '" + issuer + "'"));

        String approved = as(officerA, "-f", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve").expectSuccess().out();
        assertEquals("approved", field(approved, "status"));
        assertTrue(Long.parseLong(numberField(approved, "revoked")) >= 1, approved);
        assertTrue(ocsp("kept.pem").contains("kept.pem: revoked"));
    }

    @Test
    @Order(12)
    void anIntermediatesRollover_doesNotWait_theRootsDoes() throws Exception {
        String issuer = field(as(officerA, "-f", BASE + "/api/v1/ca/certificates/" + serialOf("kept.pem")).expectSuccess().out(), "issuer");
        Commands.Result direct = as(TC.token(), "-o", "intermediate-rollover.json", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/ca/authorities/" + issuer + "/rollover");
        assertEquals("200", direct.expectSuccess().out(), Files.readString(work.resolve("intermediate-rollover.json")));

        String root = TC.text("select id from certificate_authority where parent_id is null and status = 'active'");
        Commands.Result r = as(TC.token(), "-o", "root-202.json", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/ca/authorities/" + root + "/rollover");
        String body = Files.readString(work.resolve("root-202.json"));
        assertEquals("202", r.expectSuccess().out(), body);
        assertEquals("root-rollover", field(body, "action"));
        String id = numberField(body, "id");
        assertEquals(root, TC.text("select id from certificate_authority where parent_id is null and status = 'active'"));

        String approved = as(officerB, "-f", "-X", "POST", BASE + "/api/v1/approvals/" + id + "/approve").expectSuccess().out();
        assertEquals("approved", field(approved, "status"));
        assertEquals(root, field(approved, "retired"));
        String successor = field(approved, "successor");
        assertEquals(successor, TC.text("select id from certificate_authority where parent_id is null and status = 'active'"));
    }

    private static String account(String name, String role) throws Exception {
        Files.writeString(work.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"roles\": [\"" + role + "\"]}");
        as(TC.token(), "-f", "-H", "Content-Type: application/json", "--data-binary", "@" + name + ".json", BASE + "/api/v1/accounts").expectSuccess();
        Files.writeString(work.resolve(name + "-token.json"), "{\"name\": \"it\"}");
        return field(as(TC.token(), "-f", "-H", "Content-Type: application/json", "--data-binary", "@" + name + "-token.json",
                BASE + "/api/v1/accounts/" + name + "/tokens").expectSuccess().out(), "token");
    }

    private static void issue(String file, String name) throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file + ".key");
        openssl("req", "-new", "-key", file + ".key", "-subj", "/CN=" + name, "-out", file + ".csr");
        Commands.Result r = as(TC.token(), "-o", file + "-chain.pem", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@" + file + ".csr", BASE + "/api/v1/ca/certificates?profile=server");
        assertEquals("201", r.expectSuccess().out(), Files.readString(work.resolve(file + "-chain.pem")));
        List<String> pems = Commands.pemBlocks(Files.readString(work.resolve(file + "-chain.pem")));
        Files.writeString(work.resolve(file + ".pem"), pems.get(0));
        Files.writeString(work.resolve("intermediate.pem"), pems.get(1));
    }

    private static String ocsp(String pem) {
        Commands.Result r = Commands.run(work, "openssl", "ocsp", "-issuer", "intermediate.pem", "-cert", pem, "-url", HTTP + "/ocsp",
                "-CAfile", data.resolve("root.pem").toString()).expectSuccess();
        assertTrue(r.err().contains("Response verify OK"), r.out() + r.err());
        return r.out();
    }

    private static String auditEvents(String action) {
        return as(TC.token(), "-f", BASE + "/api/v1/audit?limit=1000&action=" + action).expectSuccess().out();
    }

    private static String serialOf(String pemFile) {
        return openssl("x509", "-in", pemFile, "-noout", "-serial").out().trim().substring("serial=".length())
                .toLowerCase(Locale.ROOT).replaceFirst("^0+", "");
    }

    private static Commands.Result openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return Commands.run(work, command).expectSuccess();
    }

    private static String assertProblem(Commands.Result r, String file, String status, String slug) throws Exception {
        String body = Files.readString(work.resolve(file));
        assertEquals(status, r.expectSuccess().out(), body);
        assertTrue(body.contains("\"status\":" + status) && body.contains(slug) && body.contains("\"detail\""), body);
        return body;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String numberField(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static Commands.Result as(String token, String... args) {
        List<String> withToken = new ArrayList<>(List.of("-H", "Authorization: Bearer " + token));
        withToken.addAll(List.of(args));
        return Commands.curl(work, data, withToken.toArray(new String[0]));
    }
}
