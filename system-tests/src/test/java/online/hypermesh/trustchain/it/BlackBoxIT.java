package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TrustChain from the outside, as a user meets it: started by the launcher, driven with
 * openssl and curl (clients we did not write), over IPv6 and TLS 1.3.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlackBoxIT {
    private static final int OFFSET = Integer.getInteger("it.blackbox.port.offset", 500);
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String HOST_PORT = "[::1]:" + (8443 + OFFSET);
    private static final DateTimeFormatter OPENSSL_DATE = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy zzz", Locale.ENGLISH);

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("blackbox", OFFSET, BlackBoxServer.withDocumentationPrefixes());
    private static final Path work = TC.work();
    private static final Path data = TC.data();
    private static String issuedSerial;

    private static String token() {
        return TC.token();
    }

    private static Commands.Result curl(String... args) {
        return TC.curl(args);
    }

    @Test
    @Order(1)
    void health_answersUpOverIpv6WithTheBootstrapRoot() throws Exception {
        String body = curl("-f", BASE + "/health").expectSuccess().out();
        assertTrue(body.contains("\"status\":\"UP\""), body);
        assertTrue(TC.server().output().contains("admin-token"), "the banner names the admin token file");
        assertFalse(TC.server().output().contains(token()), "the token itself is never printed");
    }

    @Test
    @Order(2)
    void issue_opensslCsrThroughCurl_chainVerifiesWithOpenssl() throws Exception {
        Commands.run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "web.key").expectSuccess();
        Commands.run(work, "openssl", "req", "-new", "-key", "web.key", "-subj", "/CN=web.hypermesh.online",
                "-addext", "subjectAltName=DNS:web.hypermesh.online,DNS:www.hypermesh.online,IP:2001:db8::7,IP:192.0.2.7",
                "-out", "web.csr").expectSuccess();
        Commands.Result post = curl("-o", "web-chain.pem", "-w", "%{http_code}", "-H", "Authorization: Bearer " + token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@web.csr", BASE + "/api/v1/ca/certificates?profile=server");
        assertEquals("201", post.expectSuccess().out(), Files.readString(work.resolve("web-chain.pem")));

        List<String> pems = Commands.pemBlocks(Files.readString(work.resolve("web-chain.pem")));
        assertEquals(2, pems.size(), "leaf and issuing intermediate");
        Files.writeString(work.resolve("web.pem"), pems.get(0));
        Files.writeString(work.resolve("intermediate.pem"), pems.get(1));
        String verify = Commands.run(work, "openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", data.resolve("root.pem").toString(),
                "-untrusted", "intermediate.pem", "web.pem").expectSuccess().out();
        assertTrue(verify.contains("web.pem: OK"), verify);

        String text = Commands.run(work, "openssl", "x509", "-in", "web.pem", "-noout", "-text").expectSuccess().out();
        assertTrue(text.contains("DNS:web.hypermesh.online, DNS:www.hypermesh.online, IP Address:2001:DB8:0:0:0:0:0:7, IP Address:192.0.2.7"), text);
        assertTrue(text.contains("TLS Web Server Authentication") && !text.contains("TLS Web Client Authentication"), text);
        assertTrue(text.contains("ecdsa-with-SHA384"), "signed by the P-384 intermediate");
        assertEquals(Duration.ofHours(24), validity(text), "24-hour default validity");
        Commands.run(work, "openssl", "x509", "-in", "web.pem", "-noout", "-checkend", "0").expectSuccess();

        issuedSerial = Commands.run(work, "openssl", "x509", "-in", "web.pem", "-noout", "-serial").expectSuccess().out()
                .trim().substring("serial=".length()).toLowerCase(Locale.ROOT).replaceFirst("^0+", "");
        String details = curl("-f", "-H", "Authorization: Bearer " + token(), BASE + "/api/v1/ca/certificates/" + issuedSerial).expectSuccess().out();
        assertTrue(details.contains("\"status\":\"valid\""), details);
        String search = curl("-f", "-H", "Authorization: Bearer " + token(),
                BASE + "/api/v1/ca/certificates?san=www.hypermesh.online&status=valid&expires_before=2099-01-01T00:00:00Z").expectSuccess().out();
        assertTrue(search.contains("\"serial_number\":\"" + issuedSerial + "\""), search);
    }

    @Test
    @Order(3)
    void issue_jsonFormWithClientProfile_givesClientAuthAndRequestedValidity() throws Exception {
        Commands.run(work, "openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key",
                "-subj", "/CN=client.hypermesh.online", "-out", "client.csr").expectSuccess();
        String csr = Files.readString(work.resolve("client.csr")).replace("\n", "\\n");
        Files.writeString(work.resolve("client.json"), "{\"csr\":\"" + csr + "\",\"profile\":\"client\",\"validity_hours\":48,\"region\":\"eu-west-1\"}");
        String body = curl("-f", "-H", "Authorization: Bearer " + token(), "-H", "Content-Type: application/json",
                "--data-binary", "@client.json", BASE + "/api/v1/ca/certificates").expectSuccess().out();
        assertTrue(body.contains("\"issuer\":\"eu-west-1-g1\"") && body.contains("\"profile\":\"client\""), body);
        Matcher m = Pattern.compile("\"certificate\":\"(-----BEGIN CERTIFICATE-----[^\"]+)\"").matcher(body);
        assertTrue(m.find(), body);
        Files.writeString(work.resolve("client.pem"), m.group(1).replace("\\n", "\n"));
        String text = Commands.run(work, "openssl", "x509", "-in", "client.pem", "-noout", "-text").expectSuccess().out();
        assertTrue(text.contains("TLS Web Client Authentication") && !text.contains("TLS Web Server Authentication"), text);
        assertFalse(text.contains("Key Encipherment"), "a client RSA key gets digitalSignature only");
        assertEquals(Duration.ofHours(48), validity(text));
    }

    @Test
    @Order(4)
    void tls_onlyTls13WithTheThreeAllowedSuites_andHsts() {
        Commands.Result tls12 = Commands.run(work, "openssl", "s_client", "-connect", HOST_PORT, "-tls1_2");
        assertNotEquals(0, tls12.exit(), "a TLS 1.2 handshake must fail");
        for (String suite : List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256")) {
            Commands.Result ok = Commands.run(work, "openssl", "s_client", "-connect", HOST_PORT, "-tls1_3", "-ciphersuites", suite,
                    "-CAfile", data.resolve("root.pem").toString(), "-verify_return_error");
            assertEquals(0, ok.exit(), suite + ": " + ok.err());
            assertTrue(ok.out().contains("Cipher is " + suite) && ok.out().contains("Verify return code: 0 (ok)"), ok.out());
        }
        assertNotEquals(0, Commands.run(work, "openssl", "s_client", "-connect", HOST_PORT, "-tls1_3", "-ciphersuites", "TLS_AES_128_CCM_SHA256").exit());
        assertNotEquals(0, curl("--tls-max", "1.2", BASE + "/health").exit(), "curl limited to TLS 1.2 must fail");
        String headers = curl("-I", BASE + "/health").expectSuccess().out().toLowerCase(Locale.ROOT);
        assertTrue(headers.contains("strict-transport-security: max-age=31536000"), headers);
    }

    @Test
    @Order(5)
    void rejections_areProblemJsonAndNameTheProblem() throws Exception {
        Commands.Result noToken = curl("-i", "-H", "Content-Type: application/pkcs10", "--data-binary", "@web.csr", BASE + "/api/v1/ca/certificates");
        assertTrue(noToken.out().startsWith("HTTP/2 401") && noToken.out().contains("application/problem+json"), noToken.out());
        Files.writeString(work.resolve("garbage.csr"), "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");
        Commands.Result garbage = curl("-i", "-H", "Authorization: Bearer " + token(), "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@garbage.csr", BASE + "/api/v1/ca/certificates");
        assertTrue(garbage.out().startsWith("HTTP/2 400") && garbage.out().contains("\"type\":\"https://hypermesh.online/trustchain/problems/malformed-request\""), garbage.out());
        Commands.Result profile = curl("-i", "-H", "Authorization: Bearer " + token(), "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@web.csr", BASE + "/api/v1/ca/certificates?profile=codesigning");
        assertTrue(profile.out().startsWith("HTTP/2 400") && profile.out().contains("unknown profile 'codesigning'"), profile.out());
        Commands.Result plainHttp = Commands.run(work, "curl", "-sS", "-i", "http://[::1]:" + (8080 + OFFSET) + "/api/v1/ca/root");
        assertTrue(plainHttp.out().startsWith("HTTP/1.1 403"), "the API refuses plain HTTP: " + plainHttp.out());
    }

    @Test
    @Order(6)
    void revoke_throughCurl_isVisibleInTheCertificateStatus() throws Exception {
        Files.writeString(work.resolve("revoke.json"), "{\"reason\":\"keyCompromise\"}");
        String revoked = curl("-f", "-H", "Authorization: Bearer " + token(), "-H", "Content-Type: application/json",
                "--data-binary", "@revoke.json", BASE + "/api/v1/ca/certificates/" + issuedSerial + "/revoke").expectSuccess().out();
        assertTrue(revoked.contains("\"status\":\"revoked\"") && revoked.contains("\"revocation_reason\":\"keyCompromise\""), revoked);
        Commands.Result again = curl("-i", "-H", "Authorization: Bearer " + token(), "-H", "Content-Type: application/json",
                "--data-binary", "@revoke.json", BASE + "/api/v1/ca/certificates/" + issuedSerial + "/revoke");
        assertTrue(again.out().startsWith("HTTP/2 409") && again.out().contains("already revoked"), again.out());
    }

    @Test
    @Order(7)
    void restart_reusesTheSameCaAndData() throws Exception {
        byte[] root = Files.readAllBytes(data.resolve("root.pem"));
        assertTrue(TC.server().stop(), "stopped cleanly:\n" + TC.server().output());
        TC.startAgain();
        assertArrayEquals(root, Files.readAllBytes(data.resolve("root.pem")), "the same root after a restart");
        String details = curl("-f", "-H", "Authorization: Bearer " + token(), BASE + "/api/v1/ca/certificates/" + issuedSerial).expectSuccess().out();
        assertTrue(details.contains("\"serial_number\":\"" + issuedSerial + "\""), details);
        String verify = Commands.run(work, "openssl", "verify", "-CAfile", data.resolve("root.pem").toString(), "-untrusted", "intermediate.pem", "web.pem").expectSuccess().out();
        assertTrue(verify.contains("OK"));
    }

    private static Duration validity(String x509Text) {
        return Duration.between(date(x509Text, "Not Before: "), date(x509Text, "Not After : ")).plusSeconds(1);
    }

    private static ZonedDateTime date(String text, String label) {
        int i = text.indexOf(label) + label.length();
        return ZonedDateTime.parse(text.substring(i, text.indexOf('\n', i)).trim(), OPENSSL_DATE);
    }

}
