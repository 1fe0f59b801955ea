package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

/**
 * Delegated issuance from the outside: its own TrustChain on port offset 3500 delegates the
 * {@code server} profile to an enterprise CA, played by {@code openssl cmp}'s mock server (an
 * openssl-made CA and a CMP implementation TrustChain did not write). The mock answers every
 * request with one fixed certificate, so each test first signs, with the enterprise CA, the leaf
 * the mock will return. REST requests go through TrustChain's registration checks as ever; the
 * certificate comes back from the enterprise CA, is stored with its issuer named, audited, and
 * published in DNS (TLSA); revocation goes to the enterprise CA by rr. A certificate for another
 * key, a wrong shared secret, a refusal by the CA and a CA that is down each get a problem that
 * says so, and store nothing but the audit event. The enterprise CA is made by the README's
 * commands, and the README's issuance and revocation commands run as pasted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DelegationBlackBoxIT {
    private static final int OFFSET = 3500;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String DNS_PORT = Integer.toString(8053 + OFFSET);
    /** The enterprise CA's CMP port: none of the server's own ports at any assigned offset. */
    private static final int CA_PORT = 8080 + OFFSET + 50;
    private static final String SECRET = "enterprise-shared-secret";
    private static final String NAME = "web.hypermesh.online";

    /**
     * The enterprise CA's directory, made by the README's own commands; outside the server's work
     * directory, which is emptied before the server starts: the settings name files in it.
     */
    private static final Path CA = enterpriseCa();

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("delegation-blackbox", OFFSET, Map.of(
            "TRUSTCHAIN_DELEGATION_PROFILES", "server",
            "TRUSTCHAIN_DELEGATION_NAME", "enterprise",
            "TRUSTCHAIN_DELEGATION_URL", "http://127.0.0.1:" + CA_PORT + "/pkix/",
            "TRUSTCHAIN_DELEGATION_REFERENCE", "trustchain",
            "TRUSTCHAIN_DELEGATION_SECRET_FILE", CA.resolve("secret").toString(),
            "TRUSTCHAIN_DELEGATION_CA_FILE", CA.resolve("ca.crt").toString(),
            "TRUSTCHAIN_DELEGATION_TIMEOUT_SECONDS", "5"));
    private static final Path work = TC.work();

    private static Process mock;
    private static String serial;

    @Test
    @Order(1)
    void aDelegatedProfile_isIssuedByTheEnterpriseCa_storedAuditedAndPublished() throws Exception {
        csr("web", NAME);
        signLeaf("web", NAME, "0x7e57a11ce0001");
        startMock("-srv_secret", "pass:" + SECRET, "-rsp_cert", "web.crt");

        Commands.Result r = issue("web");
        assertTrue(r.out().startsWith("HTTP/2 201"), r.out());
        serial = "7e57a11ce0001";
        assertTrue(r.out().contains("\"serial_number\":\"" + serial + "\"") && r.out().contains("\"issuer\":\"enterprise\""), r.out());
        Matcher m = Pattern.compile("\"certificate\":\"(-----BEGIN CERTIFICATE-----[^\"]+)\"").matcher(r.out());
        assertTrue(m.find(), r.out());
        Files.writeString(work.resolve("web.pem"), m.group(1).replace("\\n", "\n"));
        assertEquals(Files.readString(CA.resolve("web.crt")).trim(), Files.readString(work.resolve("web.pem")).trim(),
                "the certificate the enterprise CA issued, unchanged");
        Commands.run(work, "openssl", "verify", "-CAfile", CA.resolve("ca.crt").toString(), "web.pem").expectSuccess();

        String details = admin("-f", BASE + "/api/v1/ca/certificates/" + serial).expectSuccess().out();
        assertTrue(details.contains("\"delegated_to\":\"enterprise\"") && details.contains("\"status\":\"valid\""), details);
        assertEquals(1, TC.count("select count(*) from certificate where serial_number = '" + serial
                + "' and external_ca = 'enterprise' and issuer_id is null"));
        assertEquals(1, TC.count("select count(*) from delegated_issuance where serial_number = '" + serial + "' and state = 'issued'"));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.issued' and object_id = '" + serial
                + "' and details->>'delegated_to' = 'enterprise'"));
        String expected = "3 1 1 " + spkiSha256("web.pem");
        assertEquals(expected, awaitTlsa("_443._tcp." + NAME, expected::equals), "TLSA published as for TrustChain's own");
    }

    @Test
    @Order(2)
    void aCertificateForAnotherKey_isRejected_andNothingIsStored() throws Exception {
        csr("other", NAME); // the same name, another key: the mock still answers with web.crt
        long certificates = TC.count("select count(*) from certificate");

        Commands.Result r = issue("other");
        assertTrue(r.out().startsWith("HTTP/2 502") && r.out().contains("external-ca-failed")
                && r.out().contains("its public key is not the CSR's"), r.out());
        assertEquals(certificates, TC.count("select count(*) from certificate"));
        assertEquals(1, TC.count("select count(*) from delegated_issuance where state = 'refused' and outcome like '%public key%'"));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.delegation_refused'"
                + " and details->>'reason' like '%public key is not the CSR''s%'"));
    }

    @Test
    @Order(3)
    void aWrongSharedSecret_isAProblemNamingTheSecret() throws Exception {
        startMock("-srv_secret", "pass:not-the-same-secret", "-rsp_cert", "web.crt");
        long certificates = TC.count("select count(*) from certificate");

        Commands.Result r = issue("web");
        assertTrue(r.out().startsWith("HTTP/2 502") && r.out().contains("secret"), r.out());
        assertEquals(certificates, TC.count("select count(*) from certificate"));
    }

    @Test
    @Order(4)
    void aRefusalByTheCa_isA400WithItsStatusText() throws Exception {
        // openssl numbers -failurebits as RFC 4210 does: bit 19 is badCertTemplate.
        startMock("-srv_secret", "pass:" + SECRET, "-rsp_cert", "web.crt", "-pkistatus", "2", "-failurebits", Integer.toString(1 << 19),
                "-statusstring", "not under the enterprise policy");
        long certificates = TC.count("select count(*) from certificate");

        Commands.Result r = issue("web");
        assertTrue(r.out().startsWith("HTTP/2 400") && r.out().contains("not under the enterprise policy")
                && r.out().contains("badCertTemplate"), r.out());
        assertEquals(certificates, TC.count("select count(*) from certificate"));
    }

    @Test
    @Order(5)
    void revocation_isAskedOfTheEnterpriseCa_andWithdrawsTheTlsa() throws Exception {
        startMock("-srv_secret", "pass:" + SECRET, "-rsp_cert", "web.crt");
        Files.writeString(work.resolve("revoke.json"), "{\"reason\":\"keyCompromise\"}");
        String revoked = admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@revoke.json",
                BASE + "/api/v1/ca/certificates/" + serial + "/revoke").expectSuccess().out();
        assertTrue(revoked.contains("\"status\":\"revoked\"") && revoked.contains("keyCompromise"), revoked);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.revoked' and object_id = '" + serial
                + "' and details->>'delegated_to' = 'enterprise'"));
        assertEquals("", awaitTlsa("_443._tcp." + NAME, String::isEmpty), "TLSA withdrawn");
        String log = Files.readString(CA.resolve("mock.log"));
        assertTrue(log.substring(log.lastIndexOf("ACCEPT")).contains("Received request"), "the rr went to the enterprise CA: " + log);
    }

    @Test
    @Order(6)
    void aCaThatIsDown_is503_andNothingIsStored() throws Exception {
        stopMock();
        long certificates = TC.count("select count(*) from certificate");
        long refused = TC.count("select count(*) from audit_event where action = 'certificate.delegation_refused'");

        Commands.Result r = issue("web");
        assertTrue(r.out().startsWith("HTTP/2 503") && r.out().contains("external CA enterprise refused the connection"), r.out());
        assertEquals(certificates, TC.count("select count(*) from certificate"));
        assertEquals(refused + 1, TC.count("select count(*) from audit_event where action = 'certificate.delegation_refused'"));
        assertEquals(0, TC.count("select count(*) from delegated_issuance where state = 'requested'"), "every request was settled");
    }

    @Test
    @Order(7)
    void theReadmeCommands_issueVerifyAndRevoke_asPasted() throws Exception {
        // The README's mock, on the test's port (the server was started with the README's settings, on that port).
        startMock("-srv_secret", "pass:" + SECRET, "-rsp_cert", "app.crt");
        String script = readmeBlock(2).replace("]:8443/", "]:" + (8443 + OFFSET) + "/");
        Path parent = CA.getParent();
        Files.writeString(parent.resolve("readme.sh"), "set -euo pipefail\nD=" + TC.data() + "\n" + script);
        Commands.Result r = Commands.run(parent, "bash", "readme.sh");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("app-chain.pem: OK"), r.out());
        assertTrue(r.out().contains("\"delegated_to\":\"enterprise\"") && r.out().contains("\"status\":\"revoked\""), r.out());
        assertEquals(1, TC.count("select count(*) from certificate where serial_number = '7e57a11ce0002' and status = 'revoked'"
                + " and external_ca = 'enterprise'"));
    }

    @Test
    @Order(8)
    void aRequestLeftOpenByACrash_isSettledIncompleteByTheRecoveryTimer() throws Exception {
        // What a node that died while the enterprise CA was being asked leaves: the intent, three minutes old.
        TC.execute("trustchain", "with r as (insert into certificate_request (csr, profile, region, requested_by, received_at)"
                + " values ('\\x00', 'server', 'us-east-1', 'initial-admin', now() - interval '3 minutes') returning id)"
                + " insert into delegated_issuance (external_ca, request_id, transaction_id, state, requested_at)"
                + " select 'enterprise', r.id, 'c0ffee', 'requested', now() - interval '3 minutes' from r");
        long deadline = System.currentTimeMillis() + 90_000;
        while (TC.count("select count(*) from delegated_issuance where transaction_id = 'c0ffee' and state = 'incomplete'") == 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
        }
        assertEquals(1, TC.count("select count(*) from delegated_issuance where transaction_id = 'c0ffee' and state = 'incomplete'"),
                "the timer runs every minute and settles intents older than two minutes");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.delegation_incomplete'"
                + " and object_id = 'c0ffee' and actor = 'system:recovery' and details->>'reason' like '%CMP transactionID c0ffee%'"));
    }

    @AfterAll
    static void stopTheCa() throws InterruptedException {
        stopMock();
    }

    /**
     * The enterprise CA as the README's first block of commands makes it (an openssl-made root,
     * the README's key, CSR and leaf, the shared secret in a file), without its last command, the
     * mock server in the background: each test starts the mock with the answer it needs.
     */
    private static Path enterpriseCa() {
        try {
            Path root = RunningTrustChain.freshWorkDirectory("delegation-enterprise-ca");
            String block = readmeBlock(0);
            String withoutMock = block.substring(0, block.indexOf("openssl cmp -port")) + "cd ..\n";
            Files.writeString(root.resolve("enterprise.sh"), "set -euo pipefail\n" + withoutMock);
            Commands.run(root, "bash", "enterprise.sh").expectSuccess();
            assertEquals(SECRET, Files.readString(root.resolve("enterprise").resolve("secret")).trim(), "the README's secret");
            return root.resolve("enterprise");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code index}th sh block of the README's delegation section. */
    private static String readmeBlock(int index) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int at = readme.indexOf("### Delegating issuance to an enterprise CA over CMP");
        assertTrue(at > 0, "the README's delegation section");
        for (int i = 0; i <= index; i++) {
            at = readme.indexOf("```sh\n", at) + "```sh\n".length();
        }
        return readme.substring(at, readme.indexOf("\n```", at)) + "\n";
    }

    private static void csr(String file, String name) {
        Commands.run(CA, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", file + ".key",
                "-out", file + ".csr", "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name).expectSuccess();
    }

    /** What the enterprise CA would issue for {@code file}.csr: exactly its name, for TLS servers. */
    private static void signLeaf(String file, String name, String serialNumber) throws IOException {
        Files.writeString(CA.resolve(file + ".ext"), "subjectAltName=DNS:" + name + "\nbasicConstraints=critical,CA:FALSE\n"
                + "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
        Commands.run(CA, "openssl", "x509", "-req", "-in", file + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", serialNumber,
                "-days", "1", "-extfile", file + ".ext", "-out", file + ".crt").expectSuccess();
    }

    private static void startMock(String... options) throws Exception {
        stopMock();
        List<String> command = new ArrayList<>(List.of("openssl", "cmp", "-port", Integer.toString(CA_PORT), "-srv_ref", "trustchain",
                "-srv_cert", "ca.crt", "-srv_key", "ca.key", "-rsp_extracerts", "ca.crt"));
        command.addAll(Arrays.asList(options));
        mock = new ProcessBuilder(command).directory(CA.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(CA.resolve("mock.log").toFile())).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", CA_PORT)) {
                return;
            } catch (IOException e) {
                if (!mock.isAlive()) {
                    throw new IOException("openssl cmp mock server exited: " + Files.readString(CA.resolve("mock.log")));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("the openssl cmp mock server does not listen on " + CA_PORT);
    }

    private static void stopMock() throws InterruptedException {
        if (mock != null) {
            mock.destroy();
            if (!mock.waitFor(5, TimeUnit.SECONDS)) {
                mock.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            mock = null;
        }
    }

    /** POST /api/v1/ca/certificates with {@code file}.csr under the delegated profile, as the initial administrator. */
    private static Commands.Result issue(String file) throws IOException {
        String csr = Files.readString(CA.resolve(file + ".csr")).replace("\n", "\\n");
        Files.writeString(work.resolve(file + ".json"), "{\"csr\":\"" + csr + "\",\"profile\":\"server\"}");
        return admin("-i", "-H", "Content-Type: application/json", "--data-binary", "@" + file + ".json", BASE + "/api/v1/ca/certificates");
    }

    private static Commands.Result admin(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", "Authorization: Bearer " + TC.token()));
        all.addAll(List.of(args));
        return TC.curl(all.toArray(String[]::new));
    }

    private static String spkiSha256(String pemFile) {
        String out = Commands.run(work, "sh", "-c", "openssl x509 -in " + pemFile
                + " -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum").expectSuccess().out();
        return out.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
    }

    private static String awaitTlsa(String owner, java.util.function.Predicate<String> done) {
        long deadline = System.currentTimeMillis() + 10_000;
        String answer;
        do {
            String raw = Commands.run(work, "dig", "@::1", "-p", DNS_PORT, "+short", "+tries=1", "+time=2", "TLSA", owner).expectSuccess().out().trim();
            String[] fields = raw.split("\\s+");
            answer = raw.isEmpty() || fields.length < 4 ? raw
                    : (fields[0] + " " + fields[1] + " " + fields[2] + " " + String.join("", Arrays.copyOfRange(fields, 3, fields.length))).toLowerCase(Locale.ROOT);
        } while (!done.test(answer) && System.currentTimeMillis() < deadline);
        return answer;
    }
}
