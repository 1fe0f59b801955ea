package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SOAP API from the outside on its own TrustChain (port offset 3700), driven by Debian's
 * python3-zeep (system-tests/src/test/python/soap_client.py), a client we did not write: it loads
 * the published WSDL, issues from PEM and DER CSRs (openssl verifies the certificates against the
 * root), gets, searches and revokes (OCSP and the CRL then say revoked), and reads the CA
 * certificates and CRLs without a credential. Bad input and refusals are SOAP faults carrying
 * problem+json's type, title, status and detail: a bad CSR, a name outside the account's scopes
 * (nothing stored), no or an unknown token, an auditor revoking, plain HTTP, issuance switched off (503).
 * A TLS client certificate bound to the account authenticates as it, as on REST; the README's zeep
 * example runs as pasted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SoapBlackBoxIT {
    private static final int OFFSET = 3700;
    private static final int PORT = 8443 + OFFSET;
    private static final String BASE = "https://[::1]:" + PORT;
    private static final String HTTP = "http://[::1]:" + (8080 + OFFSET);
    private static final String WSDL = BASE + "/ws/CertificateAuthority?wsdl";
    private static final String PROBLEMS = "https://hypermesh.online/trustchain/problems/";
    private static final String ACCOUNT = "soap-payments";
    private static final String NAME = "api.soap.hypermesh.online";
    /** Debian's interpreter, where python3-zeep is installed (another python3 first on the PATH would not have it). */
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path CLIENT = Path.of(System.getProperty("trustchain.repo", ".."), "system-tests/src/test/python/soap_client.py")
            .toAbsolutePath();

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("soap-blackbox", OFFSET);
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    private static String issuerToken;
    private static String auditorToken;
    private static String serial;
    private static String issuer;

    @Test
    @Order(1)
    void theWsdl_isPublished_documented_andZeepLoadsItsOperations() throws Exception {
        Commands.Result wsdl = TC.curl("-f", WSDL).expectSuccess();
        assertTrue(wsdl.out().contains("targetNamespace=\"urn:trustchain:ws:v1\""), wsdl.out());
        assertTrue(wsdl.out().contains("<xs:documentation>"), "documented types");
        // The address is the one the WSDL was fetched from, not the bind address.
        assertTrue(wsdl.out().contains("<soap:address location=\"" + BASE + "/ws/CertificateAuthority\"/>"), wsdl.out());
        String ops = anonymous("operations").expectSuccess().out();
        assertTrue(ops.contains("\"operations\":[\"getCaCertificates\",\"getCertificate\",\"getCrl\",\"issueCertificate\","
                + "\"revokeCertificate\",\"searchCertificates\"]"), ops);
        assertTrue(ops.contains("\"address\":\"" + BASE + "/ws/CertificateAuthority\""), ops);
    }

    @Test
    @Order(2)
    void anAdministrator_makesAnIssuerAccount_andAnAuditor() throws Exception {
        issuerToken = account(ACCOUNT, "issuer");
        auditorToken = account("soap-audit", "auditor");
    }

    @Test
    @Order(3)
    void issueCertificate_fromAPemCsr_givesACertificateThatVerifiesAgainstTheRoot() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "api.key");
        openssl("req", "-new", "-key", "api.key", "-subj", "/CN=" + NAME, "-addext", "subjectAltName=DNS:" + NAME, "-out", "api.csr");
        String out = zeep(issuerToken, "issue", "api.csr", "server").expectSuccess().out();
        serial = field(out, "serialNumber");
        issuer = field(out, "issuer");
        assertEquals("server", field(out, "profile"));
        Files.writeString(work.resolve("api.pem"), field(out, "certificate").replace("\\n", "\n"));
        Files.writeString(work.resolve("api-chain.pem"), field(out, "chain").replace("\\n", "\n"));
        String verified = openssl("verify", "-CAfile", root(), "-untrusted", "api-chain.pem", "api.pem").out();
        assertTrue(verified.contains("api.pem: OK"), verified);
        String text = openssl("x509", "-in", "api.pem", "-noout", "-text", "-serial").out();
        assertTrue(text.contains("DNS:" + NAME) && text.contains("TLS Web Server Authentication"), text);
        assertTrue(text.toLowerCase().contains("serial=" + serial.toLowerCase()), text);
    }

    @Test
    @Order(4)
    void issueCertificate_fromADerCsr_withAValidity() throws Exception {
        openssl("req", "-new", "-key", "api.key", "-subj", "/CN=der." + NAME, "-addext", "subjectAltName=DNS:der." + NAME,
                "-outform", "DER", "-out", "der.csr");
        String out = zeep(issuerToken, "issue", "der.csr", "service", "2").expectSuccess().out();
        assertEquals("service", field(out, "profile"));
        Files.writeString(work.resolve("der.pem"), field(out, "certificate").replace("\\n", "\n"));
        String dates = openssl("x509", "-in", "der.pem", "-noout", "-startdate", "-enddate").out();
        assertTrue(openssl("verify", "-CAfile", root(), "-untrusted", "api-chain.pem", "der.pem").out().contains("der.pem: OK"));
        long hours = java.time.Duration.between(opensslDate(dates, "notBefore"), opensslDate(dates, "notAfter")).toHours();
        assertTrue(hours <= 2, dates);
    }

    @Test
    @Order(5)
    void getCertificate_andSearch_findIt_valid() throws Exception {
        String got = zeep(issuerToken, "get", serial).expectSuccess().out();
        assertEquals("valid", field(got, "status"));
        assertEquals(serial, field(got, "serialNumber"));
        assertTrue(got.contains("\"names\":[\"" + NAME + "\"]"), got);
        String found = zeep(auditorToken, "search", NAME, "valid").expectSuccess().out();
        assertTrue(found.contains("\"serialNumber\":\"" + serial + "\""), found);
        assertEquals(1, count(found, "\"serialNumber\""), found);
        assertEquals("{\"certificates\":[],\"nextPageToken\":null}", zeep(auditorToken, "search", NAME, "revoked").expectSuccess().out().trim());
    }

    @Test
    @Order(6)
    void aBadCsr_isAClientFault_withTheProblemOfRest() throws Exception {
        Files.writeString(work.resolve("garbage.csr"), "not a CSR\n");
        Commands.Result garbage = zeep(issuerToken, "issue", "garbage.csr", "server");
        assertFault(garbage, "SOAP-ENV:Client", "malformed-request", 400);
        Files.write(work.resolve("badsig.csr"), TestCsr.withBadSignature("sig." + NAME));
        Commands.Result badSignature = zeep(issuerToken, "issue", "badsig.csr", "server");
        assertFault(badSignature, "SOAP-ENV:Client", "bad-csr-signature", 400);
        assertTrue(badSignature.out().contains("\"title\":\"CSR signature does not verify\""), badSignature.out());
    }

    @Test
    @Order(7)
    void aNameOutsideTheAccountsScopes_isForbidden_andNothingIsStored() throws Exception {
        openssl("req", "-new", "-key", "api.key", "-subj", "/CN=www.example.org", "-addext", "subjectAltName=DNS:www.example.org",
                "-out", "outside.csr");
        Commands.Result outside = zeep(issuerToken, "issue", "outside.csr", "server");
        assertFault(outside, "SOAP-ENV:Client", "forbidden", 403);
        assertTrue(outside.out().contains("'www.example.org' is outside the scopes of account '" + ACCOUNT + "'"), outside.out());
        assertEquals("{\"certificates\":[],\"nextPageToken\":null}", zeep(TC.token(), "search", "www.example.org").expectSuccess().out().trim());
    }

    @Test
    @Order(8)
    void noToken_anUnknownToken_andAnUnknownSerial_areFaults() throws Exception {
        Commands.Result none = anonymous("get", serial);
        assertFault(none, "SOAP-ENV:Client", "unauthorized", 401);
        Commands.Result unknown = zeep("not-a-token", "search", NAME);
        assertFault(unknown, "SOAP-ENV:Client", "unauthorized", 401);
        assertTrue(unknown.out().contains("the bearer token is unknown or revoked"), unknown.out());
        assertFault(zeep(issuerToken, "get", "5c"), "SOAP-ENV:Client", "not-found", 404);
    }

    @Test
    @Order(9)
    void anAuditor_cannotRevoke_andTheCertificateStaysValid() throws Exception {
        Commands.Result refused = zeep(auditorToken, "revoke", serial, "keyCompromise");
        assertFault(refused, "SOAP-ENV:Client", "forbidden", 403);
        assertTrue(refused.out().contains("it needs one of the roles: admin, issuer, officer"), refused.out());
        assertEquals("valid", field(zeep(auditorToken, "get", serial).expectSuccess().out(), "status"));
    }

    @Test
    @Order(10)
    void revokeCertificate_makesItRevoked_inItsStatus_inOcsp_andInTheCrl() throws Exception {
        String revoked = zeep(issuerToken, "revoke", serial, "keyCompromise").expectSuccess().out();
        assertEquals("revoked", field(revoked, "status"));
        assertEquals("keyCompromise", field(revoked, "revocationReason"));
        assertEquals("revoked", field(zeep(issuerToken, "get", serial).expectSuccess().out(), "status"));
        Files.writeString(work.resolve("intermediate.pem"), Commands.pemBlocks(Files.readString(work.resolve("api-chain.pem"))).get(0));
        Commands.Result ocsp = Commands.run(work, "openssl", "ocsp", "-issuer", "intermediate.pem", "-cert", "api.pem",
                "-url", HTTP + "/ocsp", "-CAfile", root());
        assertTrue(ocsp.out().contains("api.pem: revoked"), ocsp.out() + ocsp.err());
        assertTrue(ocsp.out().contains("Reason: keyCompromise"), ocsp.out());
        assertTrue(ocsp.err().contains("Response verify OK"), ocsp.err());

        // The CRL by SOAP, without a credential: signed by the issuer, listing the serial.
        String crl = anonymous("crl", issuer, "full", "issuer.crl").expectSuccess().out();
        assertTrue(Long.parseLong(number(crl)) > 0, crl);
        Files.writeString(work.resolve("issuer-chain.pem"), Files.readString(work.resolve("intermediate.pem")) + Files.readString(Path.of(root())));
        Commands.Result text = Commands.run(work, "openssl", "crl", "-inform", "DER", "-in", "issuer.crl", "-CAfile", "issuer-chain.pem",
                "-noout", "-text");
        assertTrue(text.err().contains("verify OK") || text.out().contains("verify OK"), text.err() + text.out());
        assertTrue(text.out().toUpperCase().contains("SERIAL NUMBER: " + serial.toUpperCase()), text.out());
        assertTrue(text.out().contains("Key Compromise"), text.out());
        anonymous("crl", issuer, "delta", "issuer-delta.crl").expectSuccess();
        String delta = openssl("crl", "-inform", "DER", "-in", "issuer-delta.crl", "-noout", "-text").out();
        assertTrue(delta.contains("Delta CRL Indicator"), delta);
        assertFault(anonymous("crl", "no-such-ca", "full", "none.crl"), "SOAP-ENV:Client", "not-found", 404);
    }

    @Test
    @Order(11)
    void getCaCertificates_needsNoCredential_andHoldsTheRoot() throws Exception {
        String out = anonymous("ca-certificates").expectSuccess().out();
        assertTrue(out.contains("\"id\":\"" + issuer + "\""), out);
        String rootBase64 = Files.readString(Path.of(root())).replaceAll("-----[A-Z ]+-----|\\s", "");
        assertTrue(out.replace("\\n", "").contains(rootBase64), "the root's certificate, DER: " + out);
    }

    @Test
    @Order(12)
    void plainHttp_isRefused_withAFault() throws Exception {
        Files.writeString(work.resolve("envelope.xml"), "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<getCrl xmlns=\"urn:trustchain:ws:v1\"><issuer>" + issuer + "</issuer></getCrl></s:Body></s:Envelope>");
        Commands.Result r = Commands.run(work, "curl", "-sS", "-H", "Content-Type: text/xml", "--data-binary", "@envelope.xml",
                HTTP + "/ws/CertificateAuthority");
        assertTrue(r.out().contains("<tc:type>" + PROBLEMS + "forbidden</tc:type>"), r.out());
        assertTrue(r.out().contains("served over HTTPS only"), r.out());
    }

    @Test
    @Order(13)
    void aBoundClientCertificate_authenticatesAsItsAccount_withoutAToken() throws Exception {
        String identity = "spiffe://hypermesh.online/soap/ops";
        Files.writeString(work.resolve("bind.json"), "{\"identifier\": \"" + identity + "\"}");
        TC.curl("-f", "-H", "Authorization: Bearer " + TC.token(), "-H", "Content-Type: application/json", "--data-binary", "@bind.json",
                BASE + "/api/v1/accounts/" + ACCOUNT + "/client-identities").expectSuccess();
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ops.key", "-subj", "/",
                "-addext", "subjectAltName=URI:" + identity, "-out", "ops.csr");
        TC.curl("-f", "-H", "Authorization: Bearer " + TC.token(), "-H", "Content-Type: application/pkcs10", "--data-binary", "@ops.csr",
                "-o", "ops.pem", BASE + "/api/v1/ca/certificates?profile=client").expectSuccess();
        Map<String, String> certificate = Map.of("SOAP_CLIENT_CERT", work.resolve("ops.pem").toString(),
                "SOAP_CLIENT_KEY", work.resolve("ops.key").toString());
        String found = zeep(certificate, "search", NAME).expectSuccess().out();
        assertTrue(found.contains("\"serialNumber\":\"" + serial + "\""), found);
        // The account's own scopes apply: the refusal names the account the certificate is bound to.
        Commands.Result outside = zeep(certificate, "issue", "outside.csr", "server");
        assertFault(outside, "SOAP-ENV:Client", "forbidden", 403);
        assertTrue(outside.out().contains("outside the scopes of account '" + ACCOUNT + "'"), outside.out());
        openssl("req", "-new", "-key", "api.key", "-subj", "/CN=mtls." + NAME, "-addext", "subjectAltName=DNS:mtls." + NAME, "-out", "mtls.csr");
        assertEquals("server", field(zeep(certificate, "issue", "mtls.csr", "server").expectSuccess().out(), "profile"));
    }

    @Test
    @Order(14)
    void theReadmeExample_runsAsPasted() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### SOAP API");
        assertTrue(section > 0, "the README's SOAP section");
        int begin = readme.indexOf("```sh\n", section) + "```sh\n".length();
        String script = readme.substring(begin, readme.indexOf("\n```", begin)).replace("]:8443/", "]:" + PORT + "/");
        assertTrue(script.startsWith("D=data\n"), script);
        Path dir = Files.createDirectories(work.resolve("readme"));
        // web.csr as "Using it" makes it (without its IP address, outside the default administrator's scopes here).
        Commands.run(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "web.key",
                "-subj", "/CN=web.hypermesh.online", "-addext", "subjectAltName=DNS:web.hypermesh.online", "-out", "web.csr").expectSuccess();
        Files.writeString(dir.resolve("soap.sh"), "set -euo pipefail\nD=" + data + "\n" + script.substring("D=data\n".length()) + "\n");
        Commands.Result r = Commands.run(dir, "bash", "soap.sh");
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size(), r.out());
        assertEquals("valid", lines.get(1));
        assertEquals("revoked", lines.get(3));
        assertTrue(lines.get(4).contains("('root-g1', 'active')"), lines.get(4));
        assertTrue(lines.get(5).startsWith("SOAP-ENV:Client ['" + PROBLEMS + "malformed-request', 'Malformed request', '400', "), lines.get(5));
        assertTrue(openssl("verify", "-CAfile", root(), "-untrusted", "readme/web-chain.pem", "readme/web-chain.pem").out().contains("OK"));
        assertTrue(openssl("crl", "-inform", "DER", "-in", "readme/web-issuer.crl", "-noout", "-text").out().contains("Key Compromise"));
    }

    @Test
    @Order(15)
    void issuanceSwitchedOff_isAServerFault_503_withRetryAfter_andOnAgainIssues() throws Exception {
        String emergency = Files.readString(data.resolve("emergency-token")).trim();
        try {
            TC.curl("-f", "-H", "Authorization: Bearer " + emergency, "-H", "Content-Type: application/json", "-X", "PUT",
                    "-d", "{\"enabled\": false, \"reason\": \"SoapBlackBoxIT\"}", BASE + "/api/v1/ca/issuance").expectSuccess();
            Commands.Result off = zeep(issuerToken, "issue", "api.csr", "server");
            assertFault(off, "SOAP-ENV:Server", "unavailable", 503);
            assertTrue(off.out().contains("\"retryAfter\":"), off.out());
        } finally {
            TC.curl("-f", "-H", "Authorization: Bearer " + emergency, "-H", "Content-Type: application/json", "-X", "PUT",
                    "-d", "{\"enabled\": true}", BASE + "/api/v1/ca/issuance").expectSuccess();
        }
        assertEquals("server", field(zeep(issuerToken, "issue", "api.csr", "server").expectSuccess().out(), "profile"));
    }

    /** An account with one role, the names under soap.hypermesh.online, and a token for it. */
    private static String account(String name, String role) throws Exception {
        Files.writeString(work.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"roles\": [\"" + role + "\"], \"scopes\": ["
                + "{\"type\": \"dns\", \"value\": \"soap.hypermesh.online\", \"subdomains\": true}],"
                + " \"profiles\": [\"server\", \"client\", \"service\"], \"regions\": [\"*\"]}");
        TC.curl("-f", "-H", "Authorization: Bearer " + TC.token(), "-H", "Content-Type: application/json", "--data-binary",
                "@" + name + ".json", BASE + "/api/v1/accounts").expectSuccess();
        Files.writeString(work.resolve("token.json"), "{\"name\": \"soap\"}");
        return field(TC.curl("-f", "-H", "Authorization: Bearer " + TC.token(), "-H", "Content-Type: application/json", "--data-binary",
                "@token.json", BASE + "/api/v1/accounts/" + name + "/tokens").expectSuccess().out(), "token");
    }

    /** One step of the zeep client with {@code token} as the bearer token. */
    private static Commands.Result zeep(String token, String... step) {
        return zeep(Map.of("SOAP_TOKEN", token), step);
    }

    /** One step of the zeep client without a credential. */
    private static Commands.Result anonymous(String... step) {
        return zeep(Map.<String, String>of(), step);
    }

    /** One step of the zeep client with its credential in {@code environment}. */
    private static Commands.Result zeep(Map<String, String> environment, String... step) {
        List<String> command = new ArrayList<>(List.of(PYTHON, CLIENT.toString(), WSDL, root()));
        command.addAll(List.of(step));
        Commands.Result r = Commands.runWithEnvironment(work, command, environment);
        assertTrue(r.exit() == 0 || r.exit() == 3, "the zeep client failed (is python3-zeep installed? .ci/run installs it): " + r.err() + r.out());
        return r;
    }

    private static void assertFault(Commands.Result r, String code, String slug, int status) {
        assertEquals(3, r.exit(), "a SOAP fault: " + r.out() + r.err());
        assertTrue(r.out().contains("\"code\":\"" + code + "\""), r.out());
        assertTrue(r.out().contains("\"type\":\"" + PROBLEMS + slug + "\""), r.out());
        assertTrue(r.out().contains("\"status\":" + status + ","), r.out());
    }

    private static Commands.Result openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return Commands.run(work, command).expectSuccess();
    }

    private static String root() {
        return data.resolve("root.pem").toString();
    }

    private static java.time.Instant opensslDate(String dates, String which) {
        Matcher m = Pattern.compile(which + "=(.+)").matcher(dates);
        assertTrue(m.find(), dates);
        return java.time.ZonedDateTime.parse(m.group(1).trim().replaceAll("\\s+", " "),
                java.time.format.DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy z", java.util.Locale.ROOT)).toInstant();
    }

    private static String number(String json) {
        Matcher m = Pattern.compile("\"number\":(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }
}
