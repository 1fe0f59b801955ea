package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web console in a real browser: its own TrustChain on port offset 3800, prepared with curl
 * as an administrator would (two officers, an auditor with tokens; an officer whose credential is
 * a client certificate; three server certificates), then driven in Debian's chromium by
 * playwright-core (system-tests/browser/console.mjs, installed by .ci/run with npm ci). The
 * script signs in, finds a certificate and requests its revocation, which needs approval here
 * (TRUSTCHAIN_APPROVALS_ACTIONS=revoke); a second officer approves it; it reads OCSP and the
 * audit view, and checks the auditor's limits, CSRF and the certificate sign-in. This class
 * asserts on its exit code and steps, then confirms the outcome with tools of its own (openssl
 * ocsp, the audit table) and keeps a screenshot of every page in target/console-screenshots/.
 * Sessions time out after one idle minute here (15 by default), so the timeout is tested too.
 */
class ConsoleBrowserIT {
    private static final int OFFSET = 3800;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String HTTP = "http://[::1]:" + (8080 + OFFSET);
    private static final Path BROWSER = Path.of("browser").toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("console-browser", OFFSET, Map.of("TRUSTCHAIN_CONSOLE_SESSION_IDLE_MINUTES", "1",
            "TRUSTCHAIN_APPROVALS_ACTIONS", "revoke"));
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    private static final List<String> serials = new ArrayList<>();
    private static final Map<String, String> tokens = new java.util.HashMap<>();

    @BeforeAll
    static void prepare() throws Exception {
        assertTrue(Files.isDirectory(BROWSER.resolve("node_modules/playwright-core")),
                "playwright-core is not installed: npm ci --prefix system-tests/browser (.ci/run does it)");
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian's chromium is not installed: apt-get install chromium (.ci/run does it)");
        for (String[] account : new String[][] {{"officer-a", "officer"}, {"officer-b", "officer"}, {"auditor-c", "auditor"}, {"ops", "officer"}}) {
            post("/api/v1/accounts", "{\"name\": \"" + account[0] + "\", \"roles\": [\"" + account[1] + "\"]}");
        }
        for (String account : List.of("officer-a", "officer-b", "auditor-c")) {
            tokens.put(account, field(post("/api/v1/accounts/" + account + "/tokens", "{\"name\": \"console\"}"), "token"));
        }
        post("/api/v1/accounts/ops/client-identities", "{\"identifier\": \"spiffe://hypermesh.online/console/ops\"}");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ops.key", "-subj", "/",
                "-addext", "subjectAltName=URI:spiffe://hypermesh.online/console/ops", "-out", "ops.csr");
        issue("ops.csr", "client", "ops.pem");
        for (int i = 1; i <= 3; i++) {
            openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "c" + i + ".key",
                    "-subj", "/CN=console-" + i + ".hypermesh.online", "-addext", "subjectAltName=DNS:console-" + i + ".hypermesh.online",
                    "-out", "c" + i + ".csr");
            issue("c" + i + ".csr", "server", "c" + i + "-chain.pem");
            List<String> pems = Commands.pemBlocks(Files.readString(work.resolve("c" + i + "-chain.pem")));
            Files.writeString(work.resolve("c" + i + ".pem"), pems.get(0));
            Files.writeString(work.resolve("intermediate.pem"), pems.get(1));
            serials.add(openssl("x509", "-in", "c" + i + ".pem", "-noout", "-serial").out().trim().substring("serial=".length())
                    .toLowerCase(Locale.ROOT).replaceFirst("^0+", ""));
        }
    }

    @Test
    void officersAuditorAndCertificateHolder_useTheConsole_inChromium() throws Exception {
        String config = "{\"base\": \"" + BASE + "\", \"certificateBase\": \"https://localhost:" + (8443 + OFFSET) + "\","
                + " \"screenshots\": \"" + SCREENSHOTS + "\", \"approvals\": true, \"issuedAtLeast\": 4,"
                + " \"tokens\": {\"officerA\": \"" + tokens.get("officer-a") + "\", \"officerB\": \"" + tokens.get("officer-b")
                + "\", \"auditor\": \"" + tokens.get("auditor-c") + "\"},"
                + " \"target\": {\"name\": \"console-1.hypermesh.online\", \"serial\": \"" + serials.get(0) + "\"},"
                + " \"csrfTarget\": \"" + serials.get(2) + "\", \"auditExpect\": [\"officer-a\", \"officer-b\", \"approval.requested\", \"approval.approved\"],"
                + " \"clientCertificate\": {\"cert\": \"" + work.resolve("ops.pem") + "\", \"key\": \"" + work.resolve("ops.key")
                + "\", \"account\": \"ops\"}}";
        Files.writeString(work.resolve("console.json"), config);

        Scripts.Result run = Scripts.run(BROWSER, Map.of(), 300, "node", "console.mjs", work.resolve("console.json").toString());

        assertEquals(0, run.exit(), run.output());
        for (String step : List.of("ok officer signs in with a token", "ok overview shows", "ok officer finds the certificate by name",
                "ok officer requests the revocation: it waits for approval", "ok the requester may not approve it",
                "ok a second officer approves it", "ok OCSP says revoked", "ok CSRF: a state change without the session's token is refused",
                "ok officer signs out", "ok auditor: no revoke button, and the API refuses a revocation", "ok sign-in with a TLS client certificate",
                "all steps passed")) {
            assertTrue(run.output().contains(step), step + " in:\n" + run.output());
        }
        // What the browser did, seen with tools of our own: OpenSSL's OCSP client, the audit table, the API.
        Commands.Result ocsp = Commands.run(work, "openssl", "ocsp", "-issuer", "intermediate.pem", "-cert", "c1.pem", "-url", HTTP + "/ocsp",
                "-CAfile", data.resolve("root.pem").toString()).expectSuccess();
        assertTrue(ocsp.out().contains("c1.pem: revoked") && ocsp.out().contains("Reason: keyCompromise"), ocsp.out());
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.revoked' and actor = 'officer-a' and object_id = '"
                + serials.get(0) + "'"), "carried out as its requester");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'approval.requested' and actor = 'officer-a'"));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'approval.approved' and actor = 'officer-b'"));
        assertEquals(0, TC.count("select count(*) from audit_event where action = 'certificate.revoked' and object_id in ('"
                + serials.get(1) + "', '" + serials.get(2) + "')"), "the auditor's and the CSRF-less requests changed nothing");
        for (String page : List.of("0-sign-in", "1-overview", "2-certificates", "3-certificate", "4-approvals", "5-certificate-revoked", "6-audit",
                "7-accounts", "8-account", "9-authorities")) {
            assertTrue(Files.size(SCREENSHOTS.resolve(page + ".png")) > 10_000, page + ".png");
        }
    }

    @Test
    void theSessionEndpoint_takesOnlyJson_isNeverCached_andSignsOut() throws Exception {
        Commands.Result plain = TC.curl("-o", "plain.out", "-w", "%{http_code}", "-H", "Content-Type: text/plain", "--data", "{}",
                BASE + "/admin/session").expectSuccess();
        assertEquals("415", plain.out(), Files.readString(work.resolve("plain.out")));
        Commands.Result signIn = TC.curl("-D", "-", "-o", "session.json", "-H", "Content-Type: application/json",
                "--data", "{\"token\": \"" + tokens.get("auditor-c") + "\"}", BASE + "/admin/session").expectSuccess();
        String headers = signIn.out().toLowerCase(Locale.ROOT);
        assertTrue(headers.startsWith("http/2 200") && headers.contains("cache-control: no-store")
                && headers.contains("set-cookie: __host-trustchain-console=") && headers.contains("httponly") && headers.contains("samesite=strict"),
                signIn.out());
        assertTrue(Files.readString(work.resolve("session.json")).contains("\"roles\":[\"auditor\"]"), Files.readString(work.resolve("session.json")));
        // The README's commands: the session in a cookie jar serves the API; signing out needs the CSRF token and ends it.
        TC.curl("-f", "-c", "jar", "-o", "jar-session.json", "-H", "Content-Type: application/json",
                "--data", "{\"token\": \"" + tokens.get("auditor-c") + "\"}", BASE + "/admin/session").expectSuccess();
        String csrf = field(Files.readString(work.resolve("jar-session.json")), "csrf_token");
        assertTrue(TC.curl("-f", "-b", "jar", BASE + "/api/v1/overview").expectSuccess().out().contains("\"ct_tree_size\":"));
        assertEquals("403", TC.curl("-o", "/dev/null", "-w", "%{http_code}", "-b", "jar", "-X", "DELETE", BASE + "/admin/session").expectSuccess().out());
        assertEquals("204", TC.curl("-o", "/dev/null", "-w", "%{http_code}", "-b", "jar", "-H", "X-CSRF-Token: " + csrf, "-X", "DELETE",
                BASE + "/admin/session").expectSuccess().out());
        assertEquals("401", TC.curl("-o", "/dev/null", "-w", "%{http_code}", "-b", "jar", BASE + "/api/v1/overview").expectSuccess().out());

        Commands.Result wrong = TC.curl("-o", "wrong.out", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data", "{\"token\": \"not-a-token\"}", BASE + "/admin/session").expectSuccess();
        assertEquals("401", wrong.out());
        assertTrue(Files.readString(work.resolve("wrong.out")).contains("unauthorized"));
    }

    @Test
    void aSession_endsAfterItsIdleTimeout() throws Exception {
        TC.curl("-f", "-c", "idle-jar", "-o", "idle-session.json", "-H", "Content-Type: application/json",
                "--data", "{\"token\": \"" + tokens.get("officer-b") + "\"}", BASE + "/admin/session").expectSuccess();
        assertTrue(Files.readString(work.resolve("idle-session.json")).contains("\"idle_timeout_seconds\":60"));
        Thread.sleep(30_000);
        assertEquals("200", TC.curl("-o", "/dev/null", "-w", "%{http_code}", "-b", "idle-jar", BASE + "/admin/session").expectSuccess().out(),
                "used within the minute");
        Thread.sleep(45_000);
        assertEquals("200", TC.curl("-o", "/dev/null", "-w", "%{http_code}", "-b", "idle-jar", BASE + "/api/v1/overview").expectSuccess().out(),
                "75 s after sign-in, but 45 s after the last request");
        Thread.sleep(62_000);
        assertEquals("401", TC.curl("-o", "idle.out", "-w", "%{http_code}", "-b", "idle-jar", BASE + "/api/v1/overview").expectSuccess().out());
        assertTrue(Files.readString(work.resolve("idle.out")).contains("timed out"), Files.readString(work.resolve("idle.out")));
    }

    private static String post(String path, String json) throws Exception {
        Files.writeString(work.resolve("body.json"), json);
        return TC.curl("-f", "-H", "Authorization: Bearer " + TC.token(), "-H", "Content-Type: application/json", "--data-binary", "@body.json",
                BASE + path).expectSuccess().out();
    }

    private static void issue(String csr, String profile, String out) {
        Commands.Result r = TC.curl("-o", out, "-w", "%{http_code}", "-H", "Authorization: Bearer " + TC.token(), "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@" + csr, BASE + "/api/v1/ca/certificates?profile=" + profile).expectSuccess();
        assertEquals("201", r.out(), out);
    }

    private static Commands.Result openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return Commands.run(work, command).expectSuccess();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }
}
